"""Names in an article that the registry does not know as written: new spellings, new entities.

A new article mostly names people and bodies the registry already holds, often spelled another
way (Aynur/Ainur, Nazarbaev/Nazarbayev, Alma-Ata/Almaty), and a few it does not hold at all.
Both are found from the same candidates: runs of capitalised words outside the known mentions.
A candidate that sounds or reads like a known spelling becomes an alias proposal; the rest
become registry stubs with a guessed kind. Matching uses libraries kept by others: anyascii
folds any script to ASCII, jellyfish's Metaphone keys spellings by sound, and rapidfuzz scores
how alike two spellings read. Nothing here enters the graph: the curator confirms each proposal.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import jellyfish
from anyascii import anyascii
from rapidfuzz.distance import Indel, JaroWinkler

from kzkg.load import Span, span

# A capitalised word (Kassym-Jomart, People's, IWPR, Alma-Ata), and lowercase words that may
# join two capitalised ones inside one name (Institute for War and Peace Reporting).
_WORD = r"[A-Z][\w]*(?:[-'’][A-Za-z][\w]*)*(?:-\d+)?"
_JOINER = r"(?:of|for|and|on|the|de|a)"
_NUMBER = r"(?: \d{1,4}(?![\d,.]\d))?"  # Kazakhstan 2012, Russia-24


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DOMAIN = re.compile(r"(?<![\w./@-])[A-Za-z][\w-]*\.(?:com|net|org|info|kz|ru|ua|uk|io)\b(?![./\w])")
POSSESSIVE = re.compile(r"[’']s?$")
# Month and day names are capitalised but name no entity.
CALENDAR = frozenset(
    [*calendar.month_name[1:], *calendar.day_name, *calendar.month_abbr[1:], *calendar.day_abbr]
)
CANDIDATE = re.compile(rf"(?<!\w)(?<!\w-){_WORD}(?: (?:{_JOINER} )*{_WORD})*{_NUMBER}")
# English function words that are capitalised only because a sentence starts with them.
FUNCTION_WORDS = _words(
    "a an the in on at of for to from by with as and but or if so yet this that these those "
    "it its he she they we you i his her their our my your there here when where while what "
    "who whom which why how after before since during although though because until all some "
    "many most each every no not now then also even only just both either neither such "
    " mr mrs ms dr sir president prime minister general comrade captain colonel "
    "professor"
)
ORGANISATION_WORDS = _words(
    "party union movement committee ministry council institute society court government "
    "assembly organization organisation company bank agency service services department duma "
    "front legion bureau association federation commission parliament congress army police "
    "news monitor radio television agency foundation fund corporation group forum league "
    "network press international"
)
PLACE_WORDS = _words(
    "region oblast city province district republic street square river lake mountains village "
    "town county state"
)
PLACE_AFTER = re.compile(r"(?:\b(?:in|to|from|near|across|of)\s)$")
PERSON_BEFORE = re.compile(r"(?:\b(?:President|Mr|Mrs|Ms|Dr|leader|journalist|said)\.?\s)$")
SIMILAR = 0.8  # rapidfuzz Indel similarity of two ASCII-folded words
JARO_WINKLER = 0.88  # and their Jaro-Winkler similarity: both must agree


@dataclass(frozen=True, slots=True)
class Candidate:
    """A run of capitalised words not covered by a known mention, and its place."""

    where: Span
    words: tuple[str, ...]
    heading: bool = False  # a word of a headline-style line: only a known name's spelling


@dataclass(frozen=True, slots=True)
class Known:
    """A spelling the registry knows, and whose it is."""

    text: str
    entity: str
    kind: str


def candidates(article: str, text: str, known_spans: list[Span]) -> list[Candidate]:
    """Names the text writes that are not exactly a known mention.

    A capitalised run is cut at calendar words and after a possessive (Putin and Belarus’s
    Lukashenko is two names), loses the function words at its ends, and loses a first word
    that only starts a sentence (a word the text never capitalises elsewhere). A run that only
    adds a title or joins known mentions (President Nazarbayev) is skipped.
    """
    covered = [(s.start, s.end) for s in known_spans]
    inside = _capitalised_inside_sentences(text)
    lowercase = set(re.findall(r"\b[a-z][\w’'-]*", text))
    found: list[Candidate] = []
    for match in CANDIDATE.finditer(text):
        if _in_title_case_line(text, match.start()):
            found += _heading_words(article, text, match.start(), match.group(0))
            continue
        lone = " " not in match.group(0)
        for start, words in _names_in_run(match.start(), match.group(0)):
            if _starts_sentence(text, start) and (
                (lone and words[0] not in inside) or words[0].lower() in lowercase
            ):
                start += len(words[0]) + 1
                words = words[1:]
            while words and words[0].lower() in FUNCTION_WORDS:
                start += len(words[0]) + 1
                words = words[1:]
            while words and words[-1].lower() in FUNCTION_WORDS:
                words = words[:-1]
            if not words or not words[0][0].isalpha():
                continue
            end = start + len(" ".join(words))
            uncovered = _uncovered_words(text, start, end, covered)
            if all(w.lower() in FUNCTION_WORDS for w in uncovered):
                continue
            found.append(Candidate(span(article, text, start, end), tuple(words)))
    for match in DOMAIN.finditer(text):  # outlets named by their web address
        if not any(k.start < match.end() and match.start() < k.end for k in known_spans):
            where = span(article, text, match.start(), match.end())
            found.append(Candidate(where, (match.group(0),)))
    return found


def _heading_words(article: str, text: str, start: int, run: str) -> list[Candidate]:
    """Each capitalised word of a headline-style run, alone: in a headline every word is
    capitalised, so a run says nothing about where a name ends, but a word can still be a
    known name spelled another way (Kazakstan)."""
    found = []
    for word in re.finditer(r"[A-Z][\w-]*", run):
        bare = POSSESSIVE.sub("", word.group(0))
        if bare.lower() not in FUNCTION_WORDS and bare not in CALENDAR:
            at = start + word.start()
            found.append(Candidate(span(article, text, at, at + len(bare)), (bare,), True))
    return found


def _names_in_run(start: int, run: str) -> list[tuple[int, list[str]]]:
    """The run split at calendar words, at "and" (a list of names is more common than a name
    with "and" in it) and after possessives; (start, words) of each part."""
    parts: list[tuple[int, list[str]]] = []
    current: list[str] = []
    at = part_start = start
    for word in run.split(" "):
        bare = POSSESSIVE.sub("", word)
        if bare in CALENDAR or word == "and":
            if current:
                parts.append((part_start, current))
            current, part_start = [], at + len(word) + 1
        else:
            if not current:
                part_start = at
            current.append(bare)
            if bare != word:
                parts.append((part_start, current))
                current = []
        at += len(word) + 1
    if current:
        parts.append((part_start, current))
    return parts


def _in_title_case_line(text: str, at: int) -> bool:
    """Whether ``at`` is in a headline-style line (most words capitalised, no full stop), whose
    capitals say nothing about names."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end != -1 else len(text)].strip()
    words = line.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 5 and capitalised >= 0.6 * len(words) and line[-1:] not in '.!?”"'


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a paragraph or follows the end of a sentence."""
    raw = text[max(0, start - 8) : start]
    if (start < 8 and not raw.strip()) or re.search(r"\n[\s“\"‘(–—-]*$", raw):
        return True
    before = re.sub(r"[\s“\"‘(–—-]+$", "", raw)
    return not before or before[-1] in '.!?…\n:”"'


def _capitalised_inside_sentences(text: str) -> set[str]:
    """Capitalised words the text uses other than at the start of a sentence."""
    found = set()
    for match in re.finditer(r"[\w,;’'”)][ \u00a0]([A-Z][\w’'-]*)", text):
        found.add(POSSESSIVE.sub("", match.group(1)))
    return found


def _uncovered_words(text: str, start: int, end: int, covered: list[tuple[int, int]]) -> list[str]:
    """The words of ``text[start:end]`` that no known mention covers."""
    chars = list(text[start:end])
    for a, b in covered:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars).split()


def fold(word: str) -> str:
    """The ASCII, lowercase letters of ``word``: Әмиржан and Amirzhan compare alike."""
    return re.sub(r"[^a-z]", "", anyascii(word).lower())


def derived(x: str, y: str) -> bool:
    """Whether folded words ``x`` and ``y`` are one word and a derivation of it (Russia,
    Russian; Ukraine, Ukrainian; Kazakh, Kazakhstan): a shared stem, then a suffix."""
    shared = next(
        (i for i, (a, b) in enumerate(zip(x, y, strict=False)) if a != b), min(len(x), len(y))
    )
    short = min(len(x), len(y))
    return shared >= 4 and shared >= short - 1 and max(len(x), len(y)) - short <= 5 and x != y


def words_alike(a: str, b: str) -> bool:
    """Two spellings of one word: the same Metaphone key, or both string measures agree."""
    x, y = fold(a), fold(b)
    if not x or not y:
        return False
    if x == y:
        return True
    if derived(x, y):
        return False
    key_x, key_y = jellyfish.metaphone(x), jellyfish.metaphone(y)
    if len(key_x) >= 3 and key_x == key_y:
        return True
    if x[-1] != y[-1]:
        return False  # an ending changed: a derived form (Kazakhstani), not a spelling
    return Indel.normalized_similarity(x, y) >= SIMILAR and JaroWinkler.similarity(x, y) >= (
        JARO_WINKLER
    )


def spelling_of(words: tuple[str, ...], known: list[Known]) -> Known | None:
    """The known spelling that ``words`` write another way, if any.

    Alike word by word (Aynur Kurmanov ~ Ainur Kurmanov), or as one word when hyphens or
    spaces differ (Alma-Ata ~ Almaty); a lone word that is the last word of a known name is
    that name's surname (Kopbayev for Bakhytzhan Kopbayev); capitals that spell a known
    name's initials are its abbreviation (CSTO).
    """
    written = " ".join(words)
    best: Known | None = None
    for spelling in known:
        theirs = spelling.text.split()
        if spelling.text == written:
            return None  # known as written: a mention, not a new spelling
        if (len(theirs) == len(words) and all(map(words_alike, words, theirs))) or (
            len(words) == 1 and len(theirs) == 1 and words_alike(written, spelling.text)
        ):
            best = best or spelling
        elif len(words) == 1 and spelling.kind == "person" and len(theirs) > 1:
            if any(fold(part) == fold(written) for part in theirs):
                best = best or spelling  # a surname, or a given name in an interview
        elif len(words) == 1 and written.isupper() and len(written) >= 2:
            initials = "".join(w[0] for w in theirs if w[0].isupper())
            if initials == written:
                best = best or spelling
    return best


def split_compound(candidate: Candidate, known: set[str]) -> list[Candidate]:
    """The parts of a hyphenated pair of names (the Tokayev-Nazarbayev regime) when one part is
    a known spelling; otherwise the candidate itself (Kassym-Jomart, Alma-Ata)."""
    if len(candidate.words) != 1 or "-" not in candidate.words[0]:
        return [candidate]
    parts = candidate.words[0].split("-")
    if candidate.words[0] in known or not any(p in known for p in parts):
        return [candidate]
    where, found, at = candidate.where, [], candidate.where.start
    text_start = where.start - len(where.prefix)
    text = where.prefix + where.exact + where.suffix
    for part in parts:
        if part[:1].isupper() and part not in known:
            local = at - text_start
            piece = Span(
                where.article, at, at + len(part), part, text[max(0, local - 32) : local], ""
            )
            found.append(Candidate(piece, (part,), candidate.heading))
        at += len(part) + 1
    return found


def guess_kind(text: str, where: Span, words: tuple[str, ...]) -> str:
    """Person, organisation or place, from the words of the name and the words before it."""
    lowered = {w.lower().strip("’'") for w in words}
    if DOMAIN.fullmatch(words[0]):
        return "organisation"
    if lowered & ORGANISATION_WORDS or (len(words) == 1 and words[0].isupper()):
        return "organisation"
    if lowered & PLACE_WORDS or words[-1].lower().endswith("stan"):
        return "place"
    before = text[max(0, where.start - 20) : where.start]
    if PERSON_BEFORE.search(before):
        return "person"
    if len(words) == 1 and PLACE_AFTER.search(before):
        return "place"
    if 2 <= len(words) <= 3 and all(w[0].isupper() for w in words):
        return "person"
    return "organisation" if len(words) > 3 else "place" if PLACE_AFTER.search(before) else "person"
