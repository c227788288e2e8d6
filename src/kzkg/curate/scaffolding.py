"""`kzkg new ARTICLE.txt`: the annotation file a contributor starts from.

Annotating starts with the same chores every time: the metadata keys, and finding which persons,
organisations and places the registry already knows. The scaffold writes the keys with their
expected form in comments (left empty, so `kzkg validate` points at each one until it is
filled) and lists every mention of a known entity with its offsets, so the contributor picks
speakers and subjects from suggestions instead of searching the text. Below them come the
proposals of :mod:`kzkg.curate.propose` (new spellings, new entities, candidate claims), all commented
out: nothing the scaffold guesses enters the graph until the curator confirms it.
"""

from __future__ import annotations

from pathlib import Path

from kzkg.curate.proposals import proposal_lines
from kzkg.curate.propose import Proposals, Suggestion, propose
from kzkg.load import ENTITY_CLASSES, ID_PATTERN, read_seeds, read_text
from kzkg.runtime import InputError, KzkgError, Problem


def suggest(text: str, article_id: str, seeds: Path) -> list[Suggestion]:
    """Every known entity mentioned in ``text``, in order of first mention."""
    return proposals_for(text, article_id, seeds).known


def proposals_for(text: str, article_id: str, seeds: Path) -> Proposals:
    """Known mentions and every proposal for ``text``.

    Uses the registry even when other annotation files have mistakes: a scaffold is most
    useful in the middle of work, when the seeds are not yet all valid.
    """
    entities = [r for r in read_seeds(seeds).records if isinstance(r, ENTITY_CLASSES)]
    return propose(article_id, text, entities)


def scaffold(article: Path, seeds: Path) -> str:
    """The YAML text of a new annotation file for ``article`` (a .txt in ``seeds``)."""
    article_id = article.stem
    if not ID_PATTERN.fullmatch(article_id):
        raise KzkgError(
            f"{article.name}: the file name must be the article id, a slug such as "
            "2014-03-iwpr-russian-embrace-fades (lowercase ASCII letters, digits, hyphens)"
        )
    problems: list[Problem] = []
    read = read_text(article.parent, article.name, article, 0, problems)
    if read is None:
        raise InputError(problems)
    text = read[0]
    proposals = proposals_for(text, article_id, seeds)
    return render(article_id, article.name, text, proposals)


def render(article_id: str, file_name: str, text: str, proposals: Proposals) -> str:
    suggestions = proposals.known
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    lines = [
        f"# Annotations of {file_name}, scaffolded by `kzkg new`. Fill in every empty key;",
        "# `kzkg validate` names each one still missing. See docs/annotation-format.md.",
        "article:",
        f"  id: {article_id}",
        f"  text: {file_name}",
        "  headline:            # the headline, verbatim",
        "  authors: []          # person ids (add new persons to the registry)",
        "  publisher:           # organisation id of the outlet",
        '  published:           # "YYYY", "YYYY-MM" or "YYYY-MM-DD", as precise as the text',
        f"  date_printed:        # verbatim, e.g. from the first line: {first_line[:60]!r}",
        "  language: en",
        "  genre:               # news report | blog post | interview | analysis | press release",
        "  description:         # one neutral sentence on what the article is",
        "",
        "# Known entities this article mentions (the build finds these again; listed so that",
        "# speakers and subjects can be picked by id). Offsets are character positions.",
    ]
    for s in suggestions:
        where = ", ".join(f'"{x.exact}" {x.start}-{x.end}' for x in s.spans[:6])
        more = f" and {len(s.spans) - 6} more" if len(s.spans) > 6 else ""
        lines.append(f"#   {s.entity} ({s.kind}, {s.label}): {where}{more}")
    if not suggestions:
        lines.append(
            "#   none yet: add the article's persons, organisations and places to the registry"
        )
    lines += proposal_lines(proposals)
    lines += ["", "figures: []", ""]
    return "\n".join(lines)


def write_scaffold(article: Path, seeds: Path, force: bool = False) -> Path:
    """Write ``ARTICLE-ID.yaml`` beside the text; refuse to overwrite an existing one."""
    target = article.with_suffix(".yaml")
    if target.exists() and not force:
        raise KzkgError(f"{target} already exists; nothing was written (use --force to replace it)")
    content = scaffold(article, seeds)
    target.write_text(content, encoding="utf-8")
    return target
