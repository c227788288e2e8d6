"""Mark up overlapping spans of a text as properly nested HTML, and cut a quote's sentence.

Claims overlap mentions, and now and then two claims cross (one starts inside the other and ends
after it). HTML elements must nest, so a span that would cross an enclosing one is closed where
the enclosing one ends and reopened just after: it becomes several pieces, each carrying the
same ``data-anchor`` so a reader (or a test) can put it back together. Offsets are Python str
indices, which are code points, the same unit the graph's ``oa:start``/``oa:end`` count in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Highlight:
    """One highlight: ``text[start:end]`` wrapped in ``tag`` with these attributes.

    ``rank`` orders spans with the same bounds: the lower rank encloses the higher. ``key`` names
    the span in ``data-anchor``; ``ident`` becomes the HTML id of its first piece only, so ids
    stay unique when a span is split.
    """

    start: int
    end: int
    key: str
    tag: str = "span"
    rank: int = 0
    ident: str = ""
    attrs: tuple[tuple[str, str], ...] = field(default=())


def _open(span: Highlight, tag: str, first: bool) -> str:
    attrs = [("data-anchor", span.key), *span.attrs]
    if first and span.ident:
        attrs.insert(0, ("id", span.ident))
    if tag != "a":  # a link is focusable already; a plain span needs tabindex for :focus
        attrs = [(k, v) for k, v in attrs if k != "href"] + [("tabindex", "0")]
    if not first:
        attrs.append(("data-continued", ""))
    rendered = "".join(f' {k}="{escape(v)}"' if v else f" {k}" for k, v in attrs)
    return f"<{tag}{rendered}>"


def nest(text: str, spans: list[Highlight]) -> str:
    """HTML of ``text`` with every span marked, split where spans cross; text is escaped.

    A link never opens inside another link (HTML forbids it): such a piece becomes a
    focusable ``span`` instead. Empty and out-of-range spans are ignored.

    >>> nest("abcdef", [Highlight(0, 4, "x"), Highlight(2, 6, "y")])
    '<span data-anchor="x" tabindex="0">ab<span data-anchor="y" tabindex="0">cd</span></span><span data-anchor="y" tabindex="0" data-continued>ef</span>'
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starting: dict[int, list[Highlight]] = defaultdict(list)
    for span in spans:
        starting[span.start].append(span)
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[tuple[Highlight, str]] = []  # open spans, outermost first, with the tag used
    position = 0
    for bound in bounds:
        out.append(escape(text[position:bound], quote=False))
        position = bound
        ending = [i for i, (span, _) in enumerate(stack) if span.end == bound]
        reopen: list[Highlight] = []
        if ending:
            cut = ending[0]
            reopen = [span for span, _ in stack[cut:] if span.end != bound]
            out.extend(f"</{tag}>" for _, tag in reversed(stack[cut:]))
            del stack[cut:]
        # Longest first, so that what opens together nests with the least splitting.
        todo = sorted(
            [(span, False) for span in reopen] + [(span, True) for span in starting[bound]],
            key=lambda item: (-item[0].end, item[0].rank, item[0].key),
        )
        for span, first in todo:
            in_link = any(tag == "a" for _, tag in stack)
            tag = "span" if span.tag == "a" and in_link else span.tag
            out.append(_open(span, tag, first))
            stack.append((span, tag))
    out.append(escape(text[position:], quote=False))
    return "".join(out)


SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s|$)|\n")
QUOTE_END = re.compile(r"[.!?][\"”’)\]]*$")
CONTEXT = 280  # characters of context at most on each side of a quote


def sentence(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The quote ``text[start:end]`` with the rest of its sentence(s) before and after it.

    Sentences end at . ! ? (with any closing quote marks) before white space, or at a line
    break; context longer than CONTEXT characters is cut at a word and marked with an ellipsis.

    >>> sentence("One. Two says three. Four.", 9, 19)
    ('Two ', 'says three', '.')
    """
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    left = starts[-1] if starts else 0
    left = next((i for i in range(left, start) if not text[i].isspace()), start)
    quote = text[start:end]
    found = None if QUOTE_END.search(quote) else SENTENCE_END.search(text, end)
    right = end if QUOTE_END.search(quote) else len(text)
    if found:
        right = found.start() if found[0] == "\n" else found.end()
    before, after = text[left:start], text[end:right]
    if len(before) > CONTEXT:
        before = "…" + before[-CONTEXT:].split(" ", 1)[-1]
    if len(after) > CONTEXT:
        after = after[:CONTEXT].rsplit(" ", 1)[0] + "…"
    return before, quote, after
