"""The proposals part of a scaffolded annotation file, every line of it a YAML comment.

Proposals are guesses, so none is written as data: an alias, a registry stub or a claim
enters the graph only when the curator uncomments it (or copies it into the registry). A
claim is written with its id, stance and paraphrase empty, so a claim uncommented without
those decisions is refused by `kzkg validate` at the empty key, with the fix.
"""

from __future__ import annotations

import json

from kzkg.curate.propose import Proposals

SHOWN_SPANS = 4


def _where(spans: list) -> str:  # type: ignore[type-arg]
    shown = ", ".join(f'"{s.exact}" {s.start}-{s.end}' for s in spans[:SHOWN_SPANS])
    more = f" and {len(spans) - SHOWN_SPANS} more" if len(spans) > SHOWN_SPANS else ""
    return shown + more


def proposal_lines(proposals: Proposals) -> list[str]:
    """Comment lines: new spellings, new-entity stubs, then the claims section."""
    lines = ["", "# New spellings of known entities: add each one you confirm to the entity's"]
    lines.append("# `aliases:` in the registry.")
    for alias in proposals.aliases:
        lines.append(
            f"#   {alias.entity}: {alias.spelling!r} (like {alias.like!r}) seen "
            f"{_where(alias.spans)}"
        )
    if not proposals.aliases:
        lines.append("#   none found")
    lines += [
        "",
        "# New entities: names the registry does not know, with a guessed kind. Save each one",
        "# you confirm as seeds/registry/KIND/ID.yaml (KIND: persons, organisations, places …),",
        "# without the `- `; fix its id and add a description.",
    ]
    for stub in proposals.entities:
        lines.append(f"#   - id: {stub.id}            # {stub.kind}? seen {_where(stub.spans)}")
        lines.append(f"#     label: {json.dumps(stub.label, ensure_ascii=False)}")
        if stub.aliases:
            lines.append(f"#     aliases: {json.dumps(stub.aliases, ensure_ascii=False)}")
    if not proposals.entities:
        lines.append("#   none found")
    lines += [
        "",
        "claims:",
        "# Candidate claims, one per sentence that says something, with a guessed speaker.",
        "# Uncomment each real claim and fill in id, about, stance and paraphrase (`kzkg validate`",
        "# refuses a claim whose id, stance or paraphrase is empty); trim the quote to the claim.",
    ]
    for claim in proposals.claims:
        speaker = proposals.speaker_id(claim.speaker)
        relay = proposals.speaker_id(claim.relayed_by)
        said = f"{claim.cue}: {claim.speaker!r}" if claim.speaker else claim.cue
        lines += [
            "# - id:",
            f"#   speaker: {speaker or 'SPEAKER-ID'}   # {said}",
            f"#   relayed_by: [{relay or ''}]",
            "#   about: []",
            "#   stance:",
            f"#   quote: {json.dumps(claim.where.exact, ensure_ascii=False)}   "
            f"# {claim.where.start}-{claim.where.end}",
            "#   paraphrase:",
        ]
    return lines
