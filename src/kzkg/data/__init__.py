"""The files kzkg ships beside its code: the ontology, the SHACL shapes and the canned queries.

The repository's top-level ``ontology/``, ``shapes/`` and ``queries/`` folders are the source of
truth. This package links to them (``src/kzkg/data/ontology`` → ``../../../ontology``, …), and a
wheel copies them in as package data, so kzkg finds them the same way, through
:mod:`importlib.resources`, in a checkout (an editable install reads the files being edited) and
in an installed wheel, whatever the working directory. No other module looks for them.

>>> ONTOLOGY.name, SHAPES.name, QUERIES.name
('kzkg.ttl', 'kzkg.shacl.ttl', 'queries')
>>> sorted(QUERIES.glob("*.rq"))[0].name
'articles.rq'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _packaged(*parts: str) -> Path:
    """A file of this package, as a path: kzkg is installed unpacked, never imported from a zip."""
    return Path(str(files(__name__).joinpath(*parts)))


ONTOLOGY = _packaged("ontology", "kzkg.ttl")
SHAPES = _packaged("shapes", "kzkg.shacl.ttl")
QUERIES = _packaged("queries")
