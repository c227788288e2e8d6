"""Read the text anchors (W3C Web Annotation) of mentions, claims and figures out of the store.

Each anchor is checked against its article's text as it is read: a page that highlighted the
wrong words would be worse than no page, so a mismatch stops the build.
"""

from __future__ import annotations

import pyoxigraph as ox

from kzkg.rdf import OA
from kzkg.runtime import KzkgError
from kzkg.site.model import Anchor, Site

ANCHORS = f"""SELECT ?body ?motivation ?article ?start ?end ?exact WHERE {{
  ?anchor a <{OA}Annotation> ; <{OA}hasBody> ?body ; <{OA}motivatedBy> ?motivation ;
          <{OA}hasTarget> ?target .
  ?target <{OA}hasSource> ?article ; <{OA}hasSelector> ?position, ?quote .
  ?position <{OA}start> ?start ; <{OA}end> ?end .
  ?quote <{OA}exact> ?exact .
}}"""


def read_anchors(store: ox.Store, site: Site) -> list[Anchor]:
    """Mention, claim and figure anchors, each checked against its article's text."""
    found = set()
    for body, motivation, article, start, end, exact in store.query(ANCHORS):
        kind = (
            "claim"
            if body.value in site.claims
            else "figure"
            if body.value in site.figures
            else "mention"
            if motivation.value == OA + "identifying" and body.value in site.entities
            else None
        )
        if kind is None or article.value not in site.articles:
            continue
        anchor = Anchor(
            kind, body.value, article.value, int(start.value), int(end.value), exact.value
        )
        if site.articles[article.value].body[anchor.start : anchor.end] != anchor.exact:
            raise KzkgError(
                f"{body.value}: the anchor at {anchor.start}–{anchor.end} of {article.value} "
                f"does not hold its quote {anchor.exact!r} — rebuild the graph with `kzkg build`"
            )
        found.add(anchor)
    return sorted(found, key=lambda a: (a.article, a.start, -a.end, a.kind, a.body))
