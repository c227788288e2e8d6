"""The built site in a real browser: Debian's Chromium, headless, over the DevTools protocol.

The site is built from dist/kzkg.ttl, served over HTTP on 127.0.0.1, and crawled from its index:
every page must load without a console error, ask for nothing outside the site, and link only
to pages and anchors that exist; every highlight's text in the live DOM must equal its quote.
Screenshots of an entity page and an article page, on a desktop and on a 390-pixel phone, are
saved to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from browser import chromium, serve_folder
from paths import ROOT
from system_tools import ensure_chromium

from kzkg.site import build_site

pytestmark = pytest.mark.slow

ARTIFACTS = ROOT / "test-artifacts"
ENTITY = "person/ainur-kurmanov.html"
ARTICLE = "article/2022-01-resistentiam-kurmanov-interview.html"

# Pieces of one highlight share data-anchor; joined in document order they must give the quote.
HIGHLIGHTS = """(() => {
  const groups = new Map();
  for (const el of document.querySelectorAll('[data-anchor]')) {
    const key = el.dataset.anchor;
    if (!groups.has(key)) groups.set(key, {quote: el.dataset.quote, text: ''});
    groups.get(key).text += el.textContent;
  }
  const bad = [];
  for (const [key, g] of groups) if (g.text !== g.quote) bad.push([key, g.quote, g.text]);
  const marks = document.querySelectorAll('mark[data-quote]');
  for (const m of marks) if (m.textContent !== m.dataset.quote) bad.push(['mark', m.dataset.quote, m.textContent]);
  return {count: groups.size + marks.length, bad};
})()"""
LINKS = """[...document.querySelectorAll('a[href], link[href]')]
  .map(a => new URL(a.getAttribute('href'), location.href).href)"""
IDS = "[...document.querySelectorAll('[id]')].map(e => e.id)"


@dataclass
class Visit:
    """What one page did in the browser."""

    status: int | None
    errors: list[str]
    foreign: list[str]
    links: list[str]
    ids: set[str]
    highlights: int
    mismatches: list = field(default_factory=list)


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(ROOT / "dist" / "kzkg.ttl", out)
    return out


@pytest.fixture(scope="module")
def browser(site_dir):
    binary = ensure_chromium()
    with serve_folder(site_dir) as base, chromium(binary) as tab:
        yield tab, base


@pytest.fixture(scope="module")
def crawl(browser) -> dict[str, Visit]:
    """Every page reachable from index.html, visited once."""
    tab, base = browser
    tab.viewport(1280, 900)
    seen: dict[str, Visit] = {}
    queue = deque([base + "index.html"])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        start = tab.open(url)
        found = tab.evaluate(HIGHLIGHTS)
        visit = Visit(
            status=tab.document_status(start),
            errors=tab.errors(start),
            foreign=[u for u in tab.requests(start) if not u.startswith((base, "data:"))],
            links=tab.evaluate(LINKS),
            ids=set(tab.evaluate(IDS)),
            highlights=found["count"],
            mismatches=found["bad"],
        )
        seen[url] = visit
        for link in visit.links:
            page, _ = urldefrag(link)
            if page.startswith(base) and page.endswith(".html") and page not in seen:
                queue.append(page)
    return seen


def test_the_crawl_reaches_every_page(crawl, browser, site_dir):
    _, base = browser
    on_disk = {base + p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}
    assert on_disk <= set(crawl), f"pages no link leads to: {sorted(on_disk - set(crawl))[:5]}"


def test_no_page_logs_a_console_error(crawl):
    failing = {url: v.errors for url, v in crawl.items() if v.errors}
    assert not failing, (
        f"console errors on {len(failing)} pages, e.g. {next(iter(failing.items()))}"
    )


def test_no_page_fetches_anything_outside_the_site(crawl):
    foreign = {url: v.foreign for url, v in crawl.items() if v.foreign}
    assert not foreign, f"requests leaving the site: {foreign}"


def test_no_link_is_broken(crawl, browser):
    _, base = browser
    broken = []
    for url, visit in crawl.items():
        if visit.status != 200:
            broken.append((url, f"HTTP {visit.status}"))
        for link in visit.links:
            page, fragment = urldefrag(link)
            if not page.startswith(base):
                continue
            target = crawl.get(page)
            if page.endswith(".html") and target is None:
                broken.append((url, link))
            elif target is not None and fragment and fragment not in target.ids:
                broken.append((url, f"{link}: no element with id {fragment!r}"))
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:5]}"


def test_every_highlight_shows_exactly_its_quote(crawl, browser):
    _, base = browser
    bad = {url: v.mismatches for url, v in crawl.items() if v.mismatches}
    assert not bad, f"highlights whose text is not their quote: {next(iter(bad.items()))}"
    article = crawl[base + ARTICLE]
    assert article.highlights > 250, f"only {article.highlights} highlights on the interview page"
    assert crawl[base + ENTITY].highlights > 100, "the entity page shows too few quotes"


def test_focusing_a_highlight_shows_what_it_is(browser):
    tab, base = browser
    tab.open(base + ARTICLE)
    shown = tab.evaluate(
        """[...document.querySelectorAll('.hl.mention[href*="ainur-kurmanov"], .hl.claim[data-tip]')]
          .slice(0, 3).map(el => { el.focus();
            return [el.dataset.tip, getComputedStyle(el, '::after').content]; })"""
    )
    assert len(shown) == 3, shown
    for tip, content in shown:
        assert content == f'"{tip}"', f"focused highlight shows {content!r}, not {tip!r}"


def test_hovering_a_mention_inside_a_claim_shows_the_mention(browser):
    """Only the innermost highlight under the pointer shows its details, not the claim too."""
    tab, base = browser
    tab.open(base + ARTICLE)
    inner = ".hl.claim .hl.mention"
    tab.evaluate("document.activeElement.blur()")
    tab.call("Runtime.evaluate", expression=f"document.querySelector('{inner}').scrollIntoView()")
    tab.hover(inner)
    shown = tab.evaluate(
        f"""(() => {{ const m = document.querySelector('{inner}');
            const c = m.closest('.hl.claim');
            return [m.dataset.tip, getComputedStyle(m, '::after').content,
                    getComputedStyle(c, '::after').content]; }})()"""
    )
    tip, mention, claim = shown
    assert mention == f'"{tip}"', f"the hovered mention shows {mention!r}"
    assert claim == "none", f"the enclosing claim shows its details too: {claim!r}"


def open_on_screen(tab, url: str, width: int) -> int:
    """Open ``url`` on a desktop (1280 px) or phone (390 px) screen; returns the page's width."""
    phone = width < 600
    tab.viewport(width, 844 if phone else 900, mobile=phone, scale=2 if phone else 1)
    tab.open(url)
    return tab.evaluate("document.documentElement.scrollWidth")


def keep_screenshot(tab, path: str, width: int, overflow: int) -> None:
    """Save the screen for a person to look at (then back to the desktop size): it must not be
    empty, and the page must fit the screen's width."""
    name = f"{Path(path).stem}-{'phone' if width < 600 else 'desktop'}.png"
    shot = tab.screenshot(ARTIFACTS / name)
    tab.viewport(1280, 900)
    assert shot.stat().st_size > 10_000, f"{shot} looks empty"
    assert overflow <= width, f"{path} is {overflow} px wide on a {width} px screen"


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", [ENTITY, ARTICLE], ids=["entity", "article"])
def test_screenshot(browser, path, width):
    """Saved for a person to look at; the page must also fit the screen's width."""
    tab, base = browser
    phone = width < 600
    overflow = open_on_screen(tab, base + path, width)
    if path == ARTICLE:  # show the highlighted text, and the details of one highlight
        tab.evaluate("document.querySelector('.article-text').scrollIntoView()")
        tab.evaluate("window.scrollBy(0, 420)")
        tab.evaluate(
            "[...document.querySelectorAll('.article-text .hl.claim .hl.mention')]"
            ".find(el => el.getBoundingClientRect().top > 120).focus({preventScroll: true})"
        )
    else:  # the first screen: the title and the fact box
        tops = tab.evaluate(
            "['h1', 'aside.factbox'].map(s => document.querySelector(s).getBoundingClientRect().top)"
        )
        assert max(tops) < (844 if phone else 900) * 0.6, f"title and facts not on screen: {tops}"
    keep_screenshot(tab, path, width, overflow)


def choose(tab, selector: str, value: str) -> None:
    tab.evaluate(
        f"(() => {{ const s = document.querySelector({selector!r}); s.value = {value!r};"
        " s.dispatchEvent(new Event('change')); })()"
    )


VISIBLE = "[...document.querySelectorAll('.claim-item')].filter(e => e.offsetParent).length"


def test_the_claims_page_filters_offline(browser):
    """Filters combine; the counts agree with the graph; nothing is requested."""
    import pyoxigraph as ox

    tab, base = browser
    store = ox.Store()
    store.load(path=str(ROOT / "dist" / "kzkg.ttl"), format=ox.RdfFormat.TURTLE)
    kzo = "https://w3id.org/kzkg/ontology#"
    denies = (
        """SELECT (COUNT(?c) AS ?n) { ?c <%sstance> <https://w3id.org/kzkg/id/stance/denies> }"""
    )
    expected = int(next(iter(store.query(denies % kzo)))[0].value)
    start = tab.open(base + "claims.html")
    assert tab.evaluate(VISIBLE) == 341
    choose(tab, "select[data-filter=stance]", "denies")
    assert tab.evaluate(VISIBLE) == expected > 0
    assert tab.evaluate("document.querySelector('form.filters .shown').textContent") == (
        f"{expected} of 341 claims shown"
    )
    choose(tab, "select[data-filter=relation]", "contradicts")
    both = tab.evaluate(VISIBLE)
    assert 0 < both <= expected
    assert "stance=denies" in tab.evaluate("location.search")
    assert not tab.errors(start) and all(u.startswith(base) for u in tab.requests(start))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("kosapov", "person/amirzhan-kosanov.html"),  # a misspelling the sources use
        ("regions subordinate", "claims.html#claim-"),  # words of a quote
        ("KAZAKHSTAN 2012", "org/kazakhstan-2012.html"),
    ],
)
def test_search_finds_names_spellings_and_quotes_offline(browser, words, expected):
    tab, base = browser
    start = tab.open(base + "search.html?q=" + words.replace(" ", "+"))
    hrefs = tab.evaluate(
        "[...document.querySelectorAll('#search-results a')].map(a => a.getAttribute('href'))"
    )
    assert any(h.startswith(expected) for h in hrefs[:3]), (words, hrefs[:5])
    assert not tab.errors(start) and all(u.startswith(base) for u in tab.requests(start))


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "path", ["claims.html?stance=denies", "search.html?q=kosanov"], ids=["claims", "search"]
)
def test_screenshot_of_claims_and_search(browser, path, width):
    tab, base = browser
    phone = width < 600
    overflow = open_on_screen(tab, base + path, width)
    title = tab.evaluate("document.querySelector('h1').getBoundingClientRect().bottom")
    keep_screenshot(tab, path, width, overflow)
    assert title < (844 if phone else 900) / 2, "the title is not on the first screen"


def test_an_entity_page_filters_and_switches_its_claims_offline(browser):
    import pyoxigraph as ox

    tab, base = browser
    store = ox.Store()
    store.load(path=str(ROOT / "dist" / "kzkg.ttl"), format=ox.RdfFormat.TURTLE)
    accuses = """SELECT (COUNT(?c) AS ?n) { ?c <https://schema.org/author>
      <https://w3id.org/kzkg/id/person/ainur-kurmanov> ;
      <https://w3id.org/kzkg/ontology#stance> <https://w3id.org/kzkg/id/stance/accuses> }"""
    expected = int(next(iter(store.query(accuses)))[0].value)
    start = tab.open(base + ENTITY)
    shown = "[...document.querySelectorAll('#claims-by .claim-item')].filter(e => e.offsetParent).length"
    assert tab.evaluate(shown) == 119
    assert tab.evaluate("document.querySelector('#claims-about').offsetParent") is None
    choose(tab, "#claims-by select[data-filter=stance]", "accuses")
    assert tab.evaluate(shown) == expected > 0
    tab.evaluate("document.querySelector('label[for=tab-claims-about]').click()")
    assert tab.evaluate("document.querySelector('#claims-about').offsetParent") is not None
    assert tab.evaluate("document.querySelector('#claims-by').offsetParent") is None
    assert not tab.errors(start) and all(u.startswith(base) for u in tab.requests(start))


def test_an_article_names_each_speaker_and_switches_its_layers(browser):
    """Speakers are shown without hover; each legend key has its highlight's colour; each
    switch turns its layer off."""
    tab, base = browser
    start = tab.open(base + ARTICLE)
    speakers = tab.evaluate(
        """[...document.querySelectorAll('.hl.claim:not([data-continued])')].map(el =>
          [el.dataset.speaker, getComputedStyle(el, '::before').content])"""
    )
    assert len(speakers) >= 147
    assert all(content == f'"{speaker}"' for speaker, content in speakers), speakers[:3]
    for kind in ("person", "org", "group", "place", "event"):
        key, text = tab.evaluate(
            f"""[document.querySelector('.legend .key.k-{kind}'),
                 document.querySelector('.article-text .hl.mention.k-{kind}')]
              .map(el => getComputedStyle(el).textDecorationColor)"""
        )
        assert key == text, f"the legend's {kind} is {key}, the text's {text}"
    claim = "getComputedStyle(document.querySelector('.article-text .hl.claim')).backgroundColor"
    before = tab.evaluate(claim)
    tab.evaluate("document.getElementById('layer-claims').click()")
    assert tab.evaluate(claim) == "rgba(0, 0, 0, 0)" != before
    tab.evaluate("document.getElementById('layer-speakers').click()")
    content = "getComputedStyle(document.querySelector('.hl.claim'), '::before').content"
    tab.evaluate("document.getElementById('layer-claims').click()")
    assert tab.evaluate(content) == "none", "the speakers switch did not hide the names"
    mention = (
        "getComputedStyle(document.querySelector('.article-text .hl.mention')).textDecorationLine"
    )
    tab.evaluate("document.getElementById('layer-mentions').click()")
    assert tab.evaluate(mention) == "none"
    assert not tab.errors(start)


KINDS = {
    "index": "index.html",
    "articles": "articles.html",
    "claims-page": "claims.html",
    "search-page": "search.html",
    "timeline": "timeline.html",
    "contradictions": "contradictions.html",
    "network": "network.html",
    "queries": "queries.html",
    "query": "query.html",
    "ontology": "ontology.html",
    "organisation": "org/socialist-movement-kazakhstan.html",
    "group": "group/russian-media.html",
    "place": "place/russia.html",
    "event": "event/csto-intervention-kazakhstan-2022.html",
}
FIRST_SCREEN = """(() => {
  const nav = [...document.querySelectorAll('header.site a')].map(a => a.getBoundingClientRect());
  const summary = document.querySelector('aside.factbox, .lead, .coverage, form, dl.facts');
  return {
    width: document.documentElement.scrollWidth,
    title: document.querySelector('h1').getBoundingClientRect().bottom,
    summary: summary ? summary.getBoundingClientRect().top : null,
    navRight: Math.max(...nav.map(r => r.right)),
    navHidden: nav.filter(r => r.width === 0 || r.right > innerWidth).length,
  };
})()"""


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_the_first_screen_of_each_page_kind(browser, site_dir, kind, width):
    """Title and summary on the first screen, every navigation link in sight (no sideways
    scrolling menu), nothing wider than the screen."""
    tab, base = browser
    if not (site_dir / KINDS[kind]).is_file():
        pytest.skip(f"{KINDS[kind]} is not in this graph")
    phone = width < 600
    height = 844 if phone else 900
    tab.viewport(width, height, mobile=phone, scale=2 if phone else 1)
    start = tab.open(base + KINDS[kind])
    seen = tab.evaluate(FIRST_SCREEN)
    tab.screenshot(ARTIFACTS / "pages" / f"{kind}-{'phone' if phone else 'desktop'}.png")
    tab.viewport(1280, 900)
    assert seen["width"] <= width, f"{kind} is {seen['width']} px wide on a {width} px screen"
    assert seen["title"] < height / 2, f"{kind}: the title ends at {seen['title']} px"
    assert seen["summary"] is not None and seen["summary"] < height * 0.8, seen
    assert seen["navHidden"] == 0, f"{kind}: {seen['navHidden']} navigation links out of sight"
    assert not tab.errors(start)
