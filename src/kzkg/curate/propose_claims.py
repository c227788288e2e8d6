"""Candidate claims: the sentences of an article that say something, and who says it.

Every claim in kzkg has a speaker, the people who relay it, and the verbatim words. The words
are easy to find; the speaker is the work. Reported speech shows its speaker in a few fixed
shapes ("…,” X said; according to X; X says that …), an interview shows it by turns (a dash or
`Name:` opens each turn, questions and answers alternate), and a sentence with no such shape
is the author's own statement. Each candidate keeps the cue that decided its speaker, so the
curator sees why; the stance is left to the curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzkg.curate.propose_names import FUNCTION_WORDS
from kzkg.load import Span, span

SPEECH_VERBS = (
    r"(?:says?|said|told|tells|argues?|argued|believes?|believed|notes?|noted|adds?|added|"
    r"stresse[sd]|insists?|insisted|warns?|warned|claims?|claimed|stated|declares?|"
    r"declared|thinks?|thought|writes?|wrote|suggests?|suggested|asserts?|asserted|"
    r"explains?|explained|points? out|pointed out|recalls?|recalled|announced|denied|denies)"
)
NAME = r"(?P<name>(?:[A-Z][\w’'-]*\s){0,3}[A-Z][\w’'-]*)"
QUOTE_THEN_SPEAKER = re.compile(
    rf"^[“\"‘].+?[,?!]?[”\"’],?\s+(?:{SPEECH_VERBS}\s+)?{NAME}(?:\s+{SPEECH_VERBS})?\b"
)
ACCORDING_TO = re.compile(rf"\b[Aa]ccording to (?:the )?{NAME}")
SPEAKER_SAYS = re.compile(rf"{NAME}(?:,[^,]{{1,80}},)?\s+{SPEECH_VERBS}\b(?:\s+that\b)?")
TOLD = re.compile(rf"\btold (?:the )?{NAME}")
TURN = re.compile(r"^(?:[–—-]\s|(?P<label>[A-Z][\w .’'-]{0,40}):\s)")
QUOTED = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")
SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9–—])")
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class ClaimProposal:
    """Words that may be a claim, a guessed speaker (as written), and why."""

    where: Span
    speaker: str | None  # the name as the text writes it; None: the author
    relayed_by: str | None  # as written, or None
    cue: str  # 'quote then speaker', 'according to', 'says that', 'interview answer', …


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, paragraph by paragraph, trimmed of spaces and dashes; a
    line of names and numbers only (a dateline, a byline) is no sentence."""
    found: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        at = paragraph.start()
        pieces = SENTENCE_END.split(paragraph.group(0))
        offset = 0
        for piece in pieces:
            offset = paragraph.group(0).index(piece, offset)
            start, end = at + offset, at + offset + len(piece)
            offset += len(piece)
            while start < end and (text[start].isspace() or text[start] in "–—-"):
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            words = text[start:end].split()
            if len(words) >= MIN_WORDS and sum(w[:1].islower() for w in words) >= 2:
                found.append((start, end))
    return found


def interview_turns(text: str) -> dict[int, tuple[str, str | None]]:
    """Paragraph start → ('question' | 'answer', label) when the text reads as an interview:
    at least three paragraphs open a turn with a dash or `Name:`; turns alternate, questions
    first, unless a label says who speaks."""
    turns = [m for m in re.finditer(r"(?m)^[ \t]*(.+)$", text) if TURN.match(m.group(1))]
    if len(turns) < 3:
        return {}
    roles: dict[int, tuple[str, str | None]] = {}
    for index, match in enumerate(turns):
        label = TURN.match(match.group(1)).group("label")  # type: ignore[union-attr]
        roles[match.start(1)] = ("question" if index % 2 == 0 else "answer", label)
    return roles


def interviewer(text: str) -> str | None:
    """The name after "interviewed by" or "interviewer", if the text gives one."""
    found = re.search(rf"(?:[Ii]nterviewed by|[Ii]nterviewer:?)\s+{NAME}", text)
    return found.group("name") if found else None


def interviewee(text: str) -> str | None:
    """The name after "interview with" (or "interviews") near the start, as written."""
    found = re.search(rf"[Ii]nterviews?(?: with)?[^\n]{{0,80}}?\b{NAME}\s*$", text[:2000], re.M)
    return found.group("name") if found else None


def propose_claims(article: str, text: str) -> list[ClaimProposal]:
    """One candidate per sentence (the part after "says that" where that is the shape), and one
    per quoted phrase of several words inside the author's own sentences."""
    turns = interview_turns(text)
    answering = interviewee(text) if turns else None
    asking = interviewer(text) if turns else None
    paragraph_starts = sorted(turns)
    proposals: list[ClaimProposal] = []
    for start, end in sentences(text):
        sentence = text[start:end]
        turn = _turn_of(start, paragraph_starts, turns)
        proposal = _reported(article, text, start, end, sentence)
        if proposal is None and turn is not None:
            role, label = turn
            speaker = label or (answering if role == "answer" else asking)
            relay = asking if role == "answer" else None
            proposal = ClaimProposal(
                span(article, text, start, end), speaker, relay, f"interview {role}"
            )
        if proposal is None:
            proposal = ClaimProposal(span(article, text, start, end), None, None, "author")
            for quoted in QUOTED.finditer(sentence):
                if len(quoted.group(1).split()) >= 3 and len(quoted.group(0)) < 0.8 * len(sentence):
                    a, b = start + quoted.start(), start + quoted.end()
                    proposals.append(
                        ClaimProposal(span(article, text, a, b), "", None, "quoted phrase")
                    )
        proposals.append(proposal)
    return sorted(proposals, key=lambda p: (p.where.start, p.where.end))


def _turn_of(
    start: int, paragraph_starts: list[int], turns: dict[int, tuple[str, str | None]]
) -> tuple[str, str | None] | None:
    """The interview turn a sentence belongs to: the last turn opened before it."""
    before = [p for p in paragraph_starts if p <= start]
    return turns[before[-1]] if before else None


def _reported(article: str, text: str, start: int, end: int, sentence: str) -> ClaimProposal | None:
    """The sentence as reported speech, if it has one of the shapes that name a speaker."""
    if match := QUOTE_THEN_SPEAKER.match(sentence):
        closing = max(sentence.rfind(q, 0, match.start("name")) for q in '”"’')
        quote_end = start + closing + 1 if closing > 0 else end
        where = span(article, text, start, quote_end)
        return ClaimProposal(where, match.group("name"), None, "quote then speaker")
    if match := ACCORDING_TO.search(sentence):
        return ClaimProposal(
            span(article, text, start, end), match.group("name"), None, "according to"
        )
    if match := SPEAKER_SAYS.search(sentence):
        name = match.group("name").split()
        while name and name[0].lower() in FUNCTION_WORDS:
            name = name[1:]  # "But Kopbayev says", and "I think" (the turn's speaker, if any)
        if name:
            after = start + match.end()
            while after < end and text[after].isspace():
                after += 1
            body = (after, end) if end - after > 20 else (start, end)
            listener = TOLD.search(sentence, match.start())
            relay = listener.group("name") if listener else None
            return ClaimProposal(span(article, text, *body), " ".join(name), relay, "says that")
    return None
