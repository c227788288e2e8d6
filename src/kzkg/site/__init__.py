"""The static explorer of the graph: ``build_site(graph, out)`` writes a folder of HTML pages.

Pages are built from the graph alone (loaded into pyoxigraph and read with SPARQL), plus the
ontology file for the ontology reference and the canned queries for the query catalogue. The
output is plain HTML and CSS that works offline and byte-identical on rebuild.

>>> from kzkg.site import build_site  # doctest: +SKIP
>>> build_site(Path("dist/kzkg.ttl"), Path("dist/site")).pages  # doctest: +SKIP
216
"""

from kzkg.site.build import SiteResult, build_site, render_site
from kzkg.site.server import explorer

__all__ = ["SiteResult", "build_site", "explorer", "render_site"]
