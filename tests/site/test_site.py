"""Unit tests of kzkg.site: highlighting, sentences, precision drawing, pages, links, determinism."""

from __future__ import annotations

import doctest
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from paths import ROOT

import kzkg.site.highlight
from kzkg.cli.site import site as site_command
from kzkg.runtime.errors import KzkgError, StoreError
from kzkg.site import build_site, render_site
from kzkg.site.build import write_tree
from kzkg.site.highlight import Highlight, nest, sentence
from kzkg.site.model import DateLiteral
from kzkg.site.network import Network
from kzkg.site.timeline import CELL, HAIRLINE, WIDTH, extent, ruler

pytestmark = pytest.mark.slow

DIST_GRAPH = ROOT / "dist" / "kzkg.ttl"
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr"}
SVG_EMPTY = {"line", "rect", "circle", "path"}  # written as <x .../> inside inline SVG


class Page(HTMLParser):
    """Links, ids, data-anchor pieces and tag balance of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: list[str] = []
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.scripts: list[str] = []  # the src of each script and embedded resource

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag in ("a", "link") and values.get("href"):
            self.links.append(values["href"])
        if values.get("id"):
            self.ids.append(values["id"])
        if tag == "script" and values.get("type") == "application/json":
            pass  # data for a script, never run
        elif tag == "script" or (tag in ("img", "iframe") and values.get("src")):
            self.scripts.append(values.get("src") or "inline")
        if tag == "a" and "a" in self.stack:
            self.problems.append("a link inside a link")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def dist_files() -> dict[str, str]:
    """The whole site of the built graph, in memory."""
    store = ox.Store()
    store.load(path=str(DIST_GRAPH), format=ox.RdfFormat.TURTLE)
    return render_site(store)


@pytest.fixture(scope="module")
def minimal_files(minimal_build) -> dict[str, str]:
    store = ox.Store()  # the build's quads are in one graph per article: read them as one
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in minimal_build.quads)
    return render_site(store)


# --- highlighting ---------------------------------------------------------------------------


def test_doctests_of_highlight_pass():
    result = doctest.testmod(kzkg.site.highlight)
    assert result.failed == 0 and result.attempted >= 2, result


def test_nested_spans_nest():
    html = nest(
        "Kosanov said so", [Highlight(0, 15, "claim"), Highlight(0, 7, "m", tag="a", rank=1)]
    )
    assert html.startswith('<span data-anchor="claim" tabindex="0"><a data-anchor="m">Kosanov</a>')
    assert html.endswith(" said so</span>"), html


def test_same_bounds_nest_by_rank():
    html = nest("abc", [Highlight(0, 3, "inner", rank=2), Highlight(0, 3, "outer", rank=0)])
    assert html.index('"outer"') < html.index('"inner"'), html
    assert html.endswith("abc</span></span>")


def test_crossing_spans_are_split_into_pieces_that_rebuild_the_quote():
    text = "one two three four"
    html = nest(text, [Highlight(0, 7, "a", ident="id-a"), Highlight(4, 13, "b", ident="id-b")])
    page = parse(html)
    assert not page.problems, page.problems
    pieces = re.findall(r'data-anchor="b"[^>]*>([^<]*)', html)
    assert "".join(pieces) == "two three", pieces
    assert html.count('id="id-b"') == 1, "a split span keeps its id on its first piece only"
    assert "data-continued" in html


def test_a_link_never_opens_inside_a_link():
    html = nest(
        "Kazakhstan 2012", [Highlight(0, 15, "org", tag="a"), Highlight(0, 10, "place", tag="a")]
    )
    assert not parse(html).problems, html
    assert html.count("<a ") == 1 and 'data-anchor="place" tabindex="0"' in html


def test_offsets_are_code_points_and_text_is_escaped():
    text = "a😀<b>&c"
    html = nest(text, [Highlight(1, 2, "emoji"), Highlight(2, 5, "tag")])
    assert '<span data-anchor="emoji" tabindex="0">😀</span>' in html
    assert '<span data-anchor="tag" tabindex="0">&lt;b&gt;</span>&amp;c' in html


def test_empty_and_out_of_range_spans_are_ignored():
    assert nest("abc", [Highlight(1, 1, "x"), Highlight(2, 9, "y")]) == "abc"


def test_sentence_around_a_quote():
    text = "First one. Then he said it was “fine” today. Next line.\nOther paragraph."
    start = text.index("it was")
    before, quote, after = sentence(text, start, start + len("it was “fine”"))
    assert (before, quote, after) == ("Then he said ", "it was “fine”", " today.")
    start = text.index("Other")
    assert sentence(text, start, start + 5) == ("", "Other", " paragraph.")


# --- dates and the timeline -----------------------------------------------------------------


def test_dates_are_written_as_precisely_as_known():
    assert DateLiteral("2011", "year").label() == "2011"
    assert DateLiteral("2011-05", "month").label() == "May 2011"
    assert DateLiteral("2011-05-14", "day").label() == "14 May 2011"
    assert (
        DateLiteral.of("2011-05", "http://www.w3.org/2001/XMLSchema#gYearMonth").precision
        == "month"
    )


def test_a_year_is_drawn_as_a_year_a_month_as_a_month_and_a_day_as_a_day():
    assert extent(DateLiteral("2011", "year")) == (0, WIDTH)
    assert extent(DateLiteral("2011-05", "month")) == (round(4 * CELL, 2), round(CELL, 2))
    x, width = extent(DateLiteral("2011-05-14", "day"))
    assert 4 * CELL < x < 5 * CELL and width == HAIRLINE, (x, width)
    assert extent(DateLiteral("2011-12-31", "day"))[0] + HAIRLINE <= WIDTH


def test_a_range_runs_from_its_start_to_the_end_of_its_end():
    x, width = extent(DateLiteral("2022-01-04", "day"), DateLiteral("2022-03-06", "day"))
    assert x == round(3 / 31 * CELL, 2)
    assert x + width == pytest.approx(2 * CELL + 6 / 31 * CELL, abs=0.01)
    assert extent(DateLiteral("2022-01-04", "day"), DateLiteral("2022-01-05", "day"))[1] == HAIRLINE
    assert extent(DateLiteral("2011-05", "month"), DateLiteral("2013", "year")) == (
        round(4 * CELL, 2),
        80.0,
    )


def test_the_ruler_marks_precision_and_inference():
    svg = ruler(DateLiteral("2011", "year"), inferred=True)
    assert 'data-precision="year"' in svg and "inferred" in svg and "known to the year" in svg


# --- pages ------------------------------------------------------------------------------------


def test_every_page_is_well_formed_and_uses_only_its_own_small_scripts(dist_files):
    """Scripts only where a page filters, searches or queries; each one a file of the site,
    never inline, never remote; and no page over 1 MB."""
    own = {name for name in dist_files if name.endswith(".js")}
    assert own == {"filter.js", "query.js", "search.js", "search-index.js"}, own
    for name, html in dist_files.items():
        if not name.endswith(".html"):
            continue
        page = parse(html)
        assert not page.problems, f"{name}: {page.problems[:3]}"
        assert len(html.encode()) < 1_000_000, f"{name} weighs {len(html.encode()):,} bytes"
        for src in page.scripts:
            assert urljoin(name, src) in own, f"{name} runs {src}, not one of the site's scripts"
        assert len(page.ids) == len(set(page.ids)), f"{name} repeats an id"
        remote = re.findall(r'<link[^>]+href="(https?:[^"]+)"', html)
        assert not remote, f"{name} loads {remote}"


def test_every_internal_link_resolves_to_a_file_and_an_id(dist_files):
    ids = {
        name: set(parse(html).ids) for name, html in dist_files.items() if name.endswith(".html")
    }
    broken = []
    for name in ids:
        for href in parse(dist_files[name]).links:
            if re.match(r"[a-z]+:", href):
                continue  # an external IRI: shown, never fetched
            target, fragment = urldefrag(urljoin(name, href))
            target = target.split("?")[0] or name  # a query string is for the page's script
            if target not in dist_files or (fragment and fragment not in ids.get(target, set())):
                broken.append((name, href))
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:5]}"


def test_the_site_has_every_kind_of_page(dist_files):
    for name in ["index.html", "timeline.html", "contradictions.html", "network.html"]:
        assert name in dist_files, name
    for name in ["queries.html", "ontology.html", "style.css", "network.svg", "articles.html"]:
        assert name in dist_files, name
    for name in ["claims.html", "search.html", "search-index.js", "query.html"]:
        assert name in dist_files, name
    assert sum(name.startswith("article/") for name in dist_files) == 5
    assert sum(name.startswith("person/") and name.endswith(".html") for name in dist_files) == 27


def test_an_entity_page_shows_spellings_roles_events_and_claims(dist_files):
    html = dist_files["person/ainur-kurmanov.html"]
    names = html[html.index('id="names"') : html.index('id="roles"')]
    assert "<td>Kurmanov</td>" in names and "Resistentiam, 9 January 2022" in names
    assert "is leader of" in html and "Socialist Movement of Kazakhstan" in html
    assert 'id="events"' in html and 'id="claims-by"' in html and 'id="claims-about"' in html
    assert "<mark data-quote=" in html and "../article/2022-01-resistentiam" in html


def test_an_article_page_highlights_every_mention_and_claim(dist_files):
    html = dist_files["article/2022-01-resistentiam-kurmanov-interview.html"]
    assert html.count('class="hl claim') >= 147, "every claim is highlighted"
    keys = set(re.findall(r'data-anchor="(mention-[^"]+)"', html))
    store = ox.Store()
    store.load(path=str(DIST_GRAPH), format=ox.RdfFormat.TURTLE)
    article = "https://w3id.org/kzkg/id/article/2022-01-resistentiam-kurmanov-interview"
    query = f"""SELECT (COUNT(*) AS ?n) WHERE {{ ?a <http://www.w3.org/ns/oa#motivatedBy>
      <http://www.w3.org/ns/oa#identifying> ; <http://www.w3.org/ns/oa#hasTarget>/
      <http://www.w3.org/ns/oa#hasSource> <{article}> }}"""
    expected = int(next(iter(store.query(query)))[0].value)
    assert len(keys) == expected > 100, f"{len(keys)} mentions highlighted of {expected}"


def test_the_contradictions_page_shows_each_kind_apart(dist_files):
    html = dist_files["contradictions.html"]
    store = ox.Store()
    store.load(path=str(DIST_GRAPH), format=ox.RdfFormat.TURTLE)
    for kind, cls in (("contradicts", "Contradiction"), ("opposes", "Opposition"),
                      ("superseded_by", "Supersession")):  # fmt: skip
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?r a <https://w3id.org/kzkg/ontology#{cls}> }}"
        expected = int(next(iter(store.query(query)))[0].value)
        assert html.count(f'id="{kind}-') == expected > 0, (kind, expected)
    assert html.count('class="pair"') == html.count('class="reason"'), "a reason for each pair"
    assert html.count('class="vs"') + html.count('class="then"') == html.count('class="pair"')
    assert 'id="supports-' not in html, "support is no conflict"


def test_the_query_catalogue_shows_sparql_and_answers(dist_files):
    html = dist_files["queries.html"]
    assert html.count('<section class="query"') == len(list((ROOT / "queries").glob("*.rq")))
    assert "SELECT" in html and "no rows" in html and "Timeline of events" in html


def test_the_ontology_reference_documents_each_term(dist_files):
    html = dist_files["ontology.html"]
    for term in [
        "Claim",
        "contradicts",
        "stance",
        "kz-stance",
        "kz-stance-denies",
        "kz-role-leader",
    ]:
        assert f'id="{term}"' in html, term
    assert "schema:Claim" in html and "subclass of" in html


def test_the_network_is_laid_out_the_same_way_every_time(dist_files):
    assert (
        "<svg" in dist_files["network.svg"]
        and 'href="person/ainur-kurmanov.html"' in dist_files["network.svg"]
    )
    assert "Ainur Kurmanov" in dist_files["network.html"]


def test_the_network_orders_columns_deterministically():
    store = ox.Store()
    store.load(path=str(DIST_GRAPH), format=ox.RdfFormat.TURTLE)
    from kzkg.site.gather import gather

    site = gather(store)
    first, second = Network(site), Network(site)
    assert first.persons == second.persons and first.orgs == second.orgs
    assert len(first.persons) >= 15 and len(first.orgs) >= 15


def test_a_small_corpus_gives_a_complete_site(minimal_files):
    assert "article/short-note.html" in minimal_files
    html = minimal_files["article/short-note.html"]
    assert 'data-quote="the Kremlin’s long-term plans have already been drafted."' in html
    assert minimal_files["contradictions.html"].count('class="pair"') == 1


# --- writing ----------------------------------------------------------------------------------


def test_build_is_byte_identical_on_rebuild(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    build_site(DIST_GRAPH, first)
    result = build_site(DIST_GRAPH, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert result.pages == sum(1 for f in files if f.suffix == ".html")


def test_a_rebuild_removes_stale_files(tmp_path):
    out = tmp_path / "site"
    write_tree({"index.html": '<meta name="generator" content="kzkg site">', "old.html": ""}, out)
    write_tree({"index.html": '<meta name="generator" content="kzkg site">'}, out)
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(KzkgError, match="not a kzkg site"):
        write_tree({"index.html": ""}, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_the_command_builds_the_site(tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(site_command, ["--graph", str(DIST_GRAPH), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "pages" in result.output and (out / "index.html").is_file()


def test_the_command_reports_a_missing_graph_as_a_user_error(tmp_path):
    result = CliRunner().invoke(site_command, ["--graph", str(tmp_path / "no.ttl")])
    assert isinstance(result.exception, StoreError), result.exception
    assert "run `kzkg build` first" in str(result.exception)


def test_a_trig_dataset_gives_the_same_site_as_the_turtle(tmp_path, dist_files):
    out = tmp_path / "site"
    build_site([ROOT / "dist" / "kzkg.trig"], out)
    for name in ["index.html", "person/ainur-kurmanov.html", "queries.html"]:
        assert (out / name).read_text(encoding="utf-8") == dist_files[name], name


def test_the_claims_page_lists_every_claim_once_with_its_filter_values(dist_files):
    html = dist_files["claims.html"]
    store = ox.Store()
    store.load(path=str(DIST_GRAPH), format=ox.RdfFormat.TURTLE)
    claims = {r[0].value for r in store.query("SELECT ?c { ?c a <https://schema.org/Claim> }")}
    ids = re.findall(r'<li class="claim-item" id="claim-([^"]+)"', html)
    assert sorted(ids) == sorted(c.rsplit("/", 1)[-1] for c in claims)
    stances = re.findall(r'data-stance="([^"]+)"', html)
    query = """SELECT ?s (COUNT(?c) AS ?n) { ?c <https://w3id.org/kzkg/ontology#stance>
      / <http://www.w3.org/2004/02/skos/core#prefLabel> ?s } GROUP BY ?s"""
    for stance, count in store.query(query):
        assert stances.count(stance.value) == int(count.value), stance
        assert f'<option value="{stance.value}">{stance.value} ({count.value})</option>' in html


def test_the_search_index_holds_every_spelling_and_every_quote_verbatim(dist_files):
    import json

    text = dist_files["search-index.js"]
    entries = json.loads(text.removeprefix("window.KZKG_SEARCH = ").removesuffix(";\n"))
    store = ox.Store()
    store.load(path=str(DIST_GRAPH), format=ox.RdfFormat.TURTLE)
    quotes = {
        r[0].value
        for r in store.query(
            "SELECT ?q { ?c a <https://schema.org/Claim> ; <https://schema.org/text> ?q }"
        )
    }
    assert {e["text"] for e in entries if e["kind"] == "claim"} == quotes
    spellings = store.query(
        """SELECT ?e ?s { ?a <http://www.w3.org/ns/oa#hasBody> ?e ; <http://www.w3.org/ns/oa#motivatedBy>
        <http://www.w3.org/ns/oa#identifying> ; <http://www.w3.org/ns/oa#hasTarget>/
        <http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#exact> ?s }"""
    )
    words = {e["href"]: e["title"] + " · " + e["also"] for e in entries}
    for entity, spelling in spellings:
        kind, slug = entity.value.removeprefix("https://w3id.org/kzkg/id/").split("/")
        assert spelling.value in words[f"{kind}/{slug}.html"], (entity, spelling)


def test_an_entity_page_leads_with_its_facts_and_links_its_data(dist_files):
    html = dist_files["person/ainur-kurmanov.html"]
    box = html[html.index('<aside class="factbox"') : html.index("</aside>")]
    assert (
        html.index('<aside class="factbox"') < html.index('id="claims"') < html.index('id="names"')
    )
    for term in ("kind", "also written", "roles", "first mention", "last mention", "data"):
        assert f"<dt>{term}</dt>" in box, term
    assert "socialistworld.net, May 2011" in box and "Resistentiam, 9 January 2022" in box
    assert 'href="../person/ainur-kurmanov.ttl"' in box
    toc = html[html.index('class="toc page-toc"') :]
    assert '<a href="#claims-by">Claims made</a> <span class="count">119</span>' in toc
    # Grouped: the interview's headline once for its 119 claims, not once per claim.
    made = html[html.index('id="claims-by"') : html.index('id="claims-about"')]
    assert made.count("Interview with the leader of the") == 1
    assert made.count('class="claim-item"') == 119


def test_an_entity_s_turtle_holds_exactly_its_own_triples(dist_files):
    store = ox.Store()
    store.load(path=str(DIST_GRAPH), format=ox.RdfFormat.TURTLE)
    for path in ("person/ainur-kurmanov.ttl", "org/kazakhstan-2012.ttl", "place/russia.ttl"):
        iri = "https://w3id.org/kzkg/id/" + path.removesuffix(".ttl")
        mine = {q.triple for q in ox.parse(dist_files[path].encode(), format=ox.RdfFormat.TURTLE)}
        expected = {q.triple for q in store.quads_for_pattern(ox.NamedNode(iri), None, None)}
        assert mine == expected and len(mine) > 3, path


def test_the_network_says_how_many_it_shows_and_names_the_rest(dist_files):
    html = dist_files["network.html"]
    store = ox.Store()
    store.load(path=str(DIST_GRAPH), format=ox.RdfFormat.TURTLE)
    kzo = "https://w3id.org/kzkg/ontology#"
    drawn = set(re.findall(r'href="([a-z]+/[^"]+\.html)" class="node', dist_files["network.svg"]))
    left_out = html[html.index("without such a tie") : html.index("</details>")]
    for cls, name, path in (("Person", "persons", "person/"), ("Group", "groups", "group/")):
        total = int(
            next(iter(store.query(f"SELECT (COUNT(*) AS ?n) {{ ?x a <{kzo}{cls}> }}")))[0].value
        )
        shown = sum(1 for d in drawn if d.startswith(path))
        assert f"{shown} of {total} {name}" in html, (name, shown, total)
        assert left_out.count(f'href="{path}') == total - shown > 0 or shown == total
    assert any(d.startswith("group/") for d in drawn), "no group in the picture"
