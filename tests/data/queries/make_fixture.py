"""Write fixture.ttl: a small graph shaped exactly as docs/rdf-model.md describes.

The canned queries are tested against this graph, so that they can be developed and checked
without the converter. The records are written out by hand below; only the character offsets,
text-quote context and the mentions are computed, because counting characters by hand is where
hand-made fixtures go wrong. Run it again after editing: `python tests/data/queries/make_fixture.py`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

KZ = Namespace("https://w3id.org/kzkg/id/")
KZO = Namespace("https://w3id.org/kzkg/ontology#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")

ARTICLES = {
    "2014-03-iwpr-russian-embrace": {
        "headline": "Russia’s embrace fades in Kazakstan",
        "published": ("2014-03-20", XSD.date),
        "printed": "20 March 2014",
        "authors": ["aigerim-tursunova"],
        "publisher": "iwpr",
        "genre": "news report",
        "description": "IWPR report on Kazakh reactions to the annexation of Crimea.",
        "file": "2014-03-iwpr-russian-embrace.txt",
        "original": "002_test.txt",
        "body": (
            "Russia’s embrace fades in Kazakstan\n"
            "\n"
            "Leading opposition figure Amirjan Kosanov told IWPR that the annexation of Crimea on"
            " 18 March 2014 is seen as a sign of Russian imperial thinking.\n"
            "“The Kremlin’s long-term plans have already been drafted,” Kosanov said.\n"
            "Ainur Kurmanov of the Socialist Movement of Kazakhstan disagreed:"
            " “Russia has no such plans.”\n"
            "Kosanov estimated that 240 billion tenge had left the country.\n"
            "Kurmanov leads the movement; in Қазақстан, Kurmanov says, Russia is a partner.\n"
        ),
    },
    "2021-05-goble-internationalist-parties": {
        "headline": "Kazakhs see no need for an internationalist party",
        "published": ("2021-05", XSD.gYearMonth),
        "printed": None,
        "authors": ["paul-goble"],
        "publisher": "windows-on-eurasia",
        "genre": "blog post",
        "description": "Paul Goble relays what Kazakh experts say about internationalism.",
        "file": "2021-05-goble-internationalist-parties.txt",
        "original": "001_test.txt",
        "body": (
            "Kazakhs see no need for an internationalist party\n"
            "\n"
            "Amirzhan Kosapov, an opposition politician, says that too much attention is paid to"
            " issues of inter-ethnic relations in Kazakhstan.\n"
            "Any revival reflects “neo-imperialistically concerned forces in neighboring Russia,”"
            " Kosapov says.\n"
            "Many in Kazakhstan doubt that Russia is behind it.\n"
            "Kazakhstan 2012 was re-launched as the Socialist Movement of Kazakhstan in May 2011,"
            " at a conference of nearly 200 delegates.\n"
            "Kazakhstan 2012 was formed in May 2009.\n"
            "Socialist Movement Kazakhstan now calls for a workers’ party.\n"
            "The Eurasian Economic Union was launched in 2015.\n"
            "Ainur Kurmanov has led it since then.\n"
        ),
    },
}
A_IWPR, A_GOBLE = ARTICLES

# kind, id, label, aliases, extra classes, description
ENTITIES = [
    (
        "person",
        "amirzhan-kosanov",
        "Amirzhan Kosanov",
        ["Amirjan Kosanov", "Kosanov", "Amirzhan Kosapov", "Kosapov"],
        [],
        "Kazakh opposition politician.",
    ),
    (
        "person",
        "ainur-kurmanov",
        "Ainur Kurmanov",
        ["Kurmanov"],
        [],
        "Leader of the Socialist Movement of Kazakhstan.",
    ),
    ("person", "aigerim-tursunova", "Aigerim Tursunova", [], [], "IWPR reporter."),
    ("person", "ardak-bekov", "Ardak Bekov", [], [], "Journalist who interviewed Kosanov."),
    ("person", "paul-goble", "Paul Goble", [], [], "American analyst and blogger."),
    (
        "org",
        "kazakhstan-2012",
        "Kazakhstan 2012",
        [],
        [KZO.Movement],
        "Protest movement formed in 2009.",
    ),
    (
        "org",
        "socialist-movement-kazakhstan",
        "Socialist Movement of Kazakhstan",
        ["Socialist Movement Kazakhstan"],
        [KZO.Movement],
        "Socialist movement formed in 2011.",
    ),
    ("org", "iwpr", "Institute for War and Peace Reporting", ["IWPR"], [KZO.MediaOutlet], None),
    ("org", "windows-on-eurasia", "Window on Eurasia", [], [KZO.MediaOutlet], None),
    (
        "org",
        "eurasian-economic-union",
        "Eurasian Economic Union",
        [],
        [KZO.InternationalOrganisation],
        None,
    ),
    ("group", "many-in-kazakhstan", "many in Kazakhstan", ["Many in Kazakhstan"], [], None),
    ("place", "kazakhstan", "Kazakhstan", ["Kazakstan", "Қазақстан"], [SCHEMA.Country], None),
    ("place", "russia", "Russia", [], [SCHEMA.Country], None),
    ("place", "crimea", "Crimea", [], [SCHEMA.AdministrativeArea], None),
    (
        "event",
        "crimea-annexation-2014",
        "Annexation of Crimea",
        ["annexation of Crimea"],
        [KZO.Annexation],
        "Russia's annexation of Crimea.",
    ),
    (
        "event",
        "kazakhstan-2012-fourth-conference",
        "Fourth conference of Kazakhstan 2012",
        [],
        [KZO.Conference],
        "Conference that re-launched Kazakhstan 2012.",
    ),
    (
        "event",
        "eurasian-economic-union-launch-2015",
        "Launch of the Eurasian Economic Union",
        [],
        [KZO.Founding],
        None,
    ),
]
TYPES = {
    "person": [KZO.Person, SCHEMA.Person, FOAF.Person],
    "org": [KZO.Organisation, SCHEMA.Organization, ORG.Organization],
    "group": [KZO.Group, FOAF.Group],
    "place": [KZO.Place, SCHEMA.Place],
    "event": [KZO.Event, SCHEMA.Event],
}

# id, article, speaker, relayers, about, stance, quote, paraphrase, date, contradicts, supports
CLAIMS = [
    (
        "kosanov-annexation-imperial-thinking",
        A_IWPR,
        "person/amirzhan-kosanov",
        ["aigerim-tursunova"],
        ["event/crimea-annexation-2014", "place/russia"],
        "asserts",
        "the annexation of Crimea on 18 March 2014 is seen as a sign of Russian imperial thinking",
        "Kosanov says the annexation of Crimea is seen as Russian imperial thinking.",
        ("2014-03", XSD.gYearMonth),
        [],
        [],
    ),
    (
        "kosanov-kremlin-plans-drafted",
        A_IWPR,
        "person/amirzhan-kosanov",
        ["aigerim-tursunova"],
        ["place/russia"],
        "asserts",
        "The Kremlin’s long-term plans have already been drafted",
        "Kosanov says the Kremlin has drafted long-term plans.",
        ("2014-03", XSD.gYearMonth),
        ["kurmanov-russia-no-plans"],
        [],
    ),
    (
        "kurmanov-russia-no-plans",
        A_IWPR,
        "person/ainur-kurmanov",
        ["aigerim-tursunova"],
        ["place/russia"],
        "denies",
        "Russia has no such plans.",
        "Kurmanov denies that Russia has such plans.",
        None,
        ["kosanov-kremlin-plans-drafted"],
        [],
    ),
    (
        "kosanov-revival-reflects-russian-neo-imperialists",
        A_GOBLE,
        "person/amirzhan-kosanov",
        ["ardak-bekov", "paul-goble"],
        ["place/russia"],
        "accuses",
        "neo-imperialistically concerned forces in neighboring Russia",
        "Kosanov attributes the revival to neo-imperialist forces in Russia.",
        ("2021", XSD.gYear),
        ["many-doubt-russia-behind"],
        ["kosanov-kremlin-plans-drafted"],
    ),
    (
        "many-doubt-russia-behind",
        A_GOBLE,
        "group/many-in-kazakhstan",
        ["paul-goble"],
        ["place/russia"],
        "doubts",
        "doubt that Russia is behind it",
        "Many in Kazakhstan doubt that Russia is behind the revival.",
        None,
        ["kosanov-revival-reflects-russian-neo-imperialists"],
        [],
    ),
    (
        "goble-eeu-launched-2015",
        A_GOBLE,
        "person/paul-goble",
        [],
        ["org/eurasian-economic-union"],
        "recalls",
        "The Eurasian Economic Union was launched in 2015.",
        "Goble recalls that the Eurasian Economic Union was launched in 2015.",
        None,
        [],
        [],
    ),
]

# id, article, value, datatype, unit, counts, approximate, about, stated_by, quote
FIGURES = [
    (
        "kazakhstan-2012-conference-delegates",
        A_GOBLE,
        "200",
        XSD.integer,
        "person",
        "delegates at the conference",
        True,
        ["event/kazakhstan-2012-fourth-conference"],
        None,
        "nearly 200 delegates",
    ),
    (
        "capital-flight-tenge",
        A_IWPR,
        "240000000000",
        XSD.integer,
        "tenge",
        "money that left the country",
        False,
        ["place/kazakhstan"],
        "person/amirzhan-kosanov",
        "240 billion tenge",
    ),
]

# (IRI path, article, quote) — evidence quotes for events, memberships and changes
EVIDENCE = [
    ("event/crimea-annexation-2014", A_IWPR, "the annexation of Crimea on 18 March 2014"),
    ("event/kazakhstan-2012-fourth-conference", A_GOBLE, "at a conference of nearly 200 delegates"),
    (
        "event/eurasian-economic-union-launch-2015",
        A_GOBLE,
        "The Eurasian Economic Union was launched in 2015.",
    ),
    (
        "membership/ainur-kurmanov-socialist-movement-kazakhstan-leader",
        A_GOBLE,
        "Ainur Kurmanov has led it since then.",
    ),
    (
        "membership/ainur-kurmanov-socialist-movement-kazakhstan-leader",
        A_IWPR,
        "Kurmanov leads the movement",
    ),
    ("membership/aigerim-tursunova-iwpr-journalist", A_IWPR, "told IWPR"),
    (
        "change/kazakhstan-2012-relaunch",
        A_GOBLE,
        "Kazakhstan 2012 was re-launched as the Socialist Movement of Kazakhstan in May 2011",
    ),
]


def date(value: str) -> Literal:
    """Type a date string as precisely as it is written, as the converter does."""
    kind = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=kind)


def anchor(
    g: Graph,
    node: URIRef,
    body: URIRef,
    article: str,
    start: int,
    end: int,
    motivation: URIRef = OA.describing,
) -> None:
    """Add a Web Annotation anchoring body to text[start:end] of the article."""
    text = ARTICLES[article]["body"]
    target, quote, position = (URIRef(f"{node}/{s}") for s in ("target", "quote", "position"))
    g.add((node, RDF.type, OA.Annotation))
    g.add((node, OA.motivatedBy, motivation))
    g.add((node, OA.hasBody, body))
    g.add((node, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, KZ[f"article/{article}"]))
    g.add((target, OA.hasSelector, quote))
    g.add((target, OA.hasSelector, position))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(text[start:end])))
    g.add((quote, OA.prefix, Literal(text[max(0, start - 32) : start])))
    g.add((quote, OA.suffix, Literal(text[end : end + 32])))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))


def find(article: str, quote: str) -> int:
    text = ARTICLES[article]["body"]
    assert text.count(quote) == 1, f"{quote!r} must occur once in {article}"
    return text.index(quote)


def build() -> Graph:
    g = Graph()
    for prefix, ns in [
        ("kz", KZ),
        ("kzo", KZO),
        ("schema", SCHEMA),
        ("foaf", FOAF),
        ("org", ORG),
        ("prov", PROV),
        ("skos", SKOS),
        ("oa", OA),
        ("time", TIME),
    ]:
        g.bind(prefix, ns)
    mentioned: dict[str, set[str]] = {a: set() for a in ARTICLES}

    # Mentions: every whole-word, case-sensitive occurrence of a spelling, longest first.
    spellings = sorted(
        (
            (s, f"{kind}/{ident}")
            for kind, ident, label, aliases, *_ in ENTITIES
            for s in [label, *aliases]
        ),
        key=lambda pair: -len(pair[0]),
    )
    for article, meta in ARTICLES.items():
        taken = [False] * len(meta["body"])
        for spelling, path in spellings:
            for m in re.finditer(rf"(?<!\w){re.escape(spelling)}(?!\w)", meta["body"]):
                if any(taken[m.start() : m.end()]):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                node = KZ[f"article/{article}/mention/{m.start()}-{m.end()}"]
                anchor(g, node, KZ[path], article, m.start(), m.end(), OA.identifying)
                mentioned[article].add(path)

    for kind, ident, label, aliases, classes, description in ENTITIES:
        e = KZ[f"{kind}/{ident}"]
        for cls in TYPES[kind] + classes:
            g.add((e, RDF.type, cls))
        g.add((e, RDFS.label, Literal(label, lang="en")))
        g.add((e, SKOS.prefLabel, Literal(label, lang="en")))
        for alias in aliases:
            g.add((e, SKOS.altLabel, Literal(alias, lang="en")))
        if description:
            g.add((e, SCHEMA.description, Literal(description, lang="en")))
        if kind == "person":
            g.add((e, FOAF.name, Literal(label, lang="en")))
        for article in ARTICLES:
            if f"{kind}/{ident}" in mentioned[article]:
                g.add((e, PROV.wasDerivedFrom, KZ[f"article/{article}"]))
    g.add(
        (
            KZ["person/amirzhan-kosanov"],
            SCHEMA.jobTitle,
            Literal("opposition politician", lang="en"),
        )
    )
    k2012, smk = KZ["org/kazakhstan-2012"], KZ["org/socialist-movement-kazakhstan"]
    g.add((k2012, SCHEMA.foundingDate, date("2009-05")))
    g.add((k2012, SCHEMA.dissolutionDate, date("2011-05")))
    g.add((smk, SCHEMA.foundingDate, date("2011-05")))
    g.add((smk, SCHEMA.location, KZ["place/kazakhstan"]))
    g.add((KZ["place/crimea"], SCHEMA.containedInPlace, KZ["place/russia"]))

    events = {
        "crimea-annexation-2014": ("2014-03-18", None, "crimea", None),
        "kazakhstan-2012-fourth-conference": (
            "2011-05",
            "Held 'last weekend' before the report.",
            "kazakhstan",
            "kazakhstan-2012",
        ),
        "eurasian-economic-union-launch-2015": ("2015", None, None, None),
    }
    for ident, (start, note, place, organizer) in events.items():
        e = KZ[f"event/{ident}"]
        g.add((e, SCHEMA.startDate, date(start)))
        if note:
            g.add((e, KZO.dateInferred, Literal(True)))
            g.add((e, KZO.dateNote, Literal(note, lang="en")))
        if place:
            g.add((e, SCHEMA.location, KZ[f"place/{place}"]))
        if organizer:
            g.add((e, SCHEMA.organizer, KZ[f"org/{organizer}"]))

    for article, meta in ARTICLES.items():
        a = KZ[f"article/{article}"]
        g.add((a, RDF.type, KZO.SourceArticle))
        g.add((a, RDF.type, SCHEMA.NewsArticle))
        g.add((a, SCHEMA.identifier, Literal(article)))
        g.add((a, SCHEMA.headline, Literal(meta["headline"], lang="en")))
        g.add(
            (a, SCHEMA.datePublished, Literal(meta["published"][0], datatype=meta["published"][1]))
        )
        if meta["printed"]:
            g.add((a, KZO.datePrinted, Literal(meta["printed"])))
        for author in meta["authors"]:
            g.add((a, SCHEMA.author, KZ[f"person/{author}"]))
        g.add((a, SCHEMA.publisher, KZ[f"org/{meta['publisher']}"]))
        g.add((a, SCHEMA.inLanguage, Literal("en")))
        g.add((a, SCHEMA.genre, Literal(meta["genre"], lang="en")))
        g.add((a, SCHEMA.description, Literal(meta["description"], lang="en")))
        g.add((a, SCHEMA.articleBody, Literal(meta["body"])))
        g.add((a, KZO.sha256, Literal(hashlib.sha256(meta["body"].encode()).hexdigest())))
        g.add((a, KZO.fileName, Literal(meta["file"])))
        g.add((a, KZO.originalFileName, Literal(meta["original"])))
        for path in sorted(mentioned[article]):
            g.add((a, SCHEMA.mentions, KZ[path]))

    stances = sorted({c[5] for c in CLAIMS})
    for stance in stances:
        s = KZ[f"stance/{stance}"]
        g.add((s, RDF.type, SKOS.Concept))
        g.add((s, SKOS.inScheme, KZ["stance"]))
        g.add((s, SKOS.prefLabel, Literal(stance, lang="en")))
    for ident, article, speaker, relayers, about, stance, quote, para, when, contra, sup in CLAIMS:
        c = KZ[f"claim/{ident}"]
        a = KZ[f"article/{article}"]
        g.add((c, RDF.type, KZO.Claim))
        g.add((c, RDF.type, SCHEMA.Claim))
        g.add((c, SCHEMA.author, KZ[speaker]))
        for subject in about:
            g.add((c, SCHEMA.about, KZ[subject]))
        g.add((c, SCHEMA.text, Literal(quote)))
        g.add((c, SCHEMA.description, Literal(para, lang="en")))
        g.add((c, SCHEMA.appearance, a))
        g.add((c, PROV.wasDerivedFrom, a))
        g.add((c, KZO.stance, KZ[f"stance/{stance}"]))
        for n, relayer in enumerate(relayers, start=1):
            step = KZ[f"claim/{ident}/relay/{n}"]
            g.add((c, KZO.reportedBy, KZ[f"person/{relayer}"]))
            g.add((c, KZO.relayStep, step))
            g.add((step, RDF.type, KZO.RelayStep))
            g.add((step, KZO.position, Literal(n)))
            g.add((step, KZO.relayer, KZ[f"person/{relayer}"]))
        if when:
            g.add((c, SCHEMA.dateCreated, Literal(when[0], datatype=when[1])))
        for other in contra:
            g.add((c, KZO.contradicts, KZ[f"claim/{other}"]))
            g.add((KZ[f"claim/{other}"], KZO.contradicts, c))
        for other in sup:
            g.add((c, KZO.supports, KZ[f"claim/{other}"]))
        start = find(article, quote)
        node = KZ[f"claim/{ident}/anchor"]
        anchor(g, node, c, article, start, start + len(quote))
        g.add((c, KZO.anchor, node))

    for ident, article, value, kind, unit, counts, approx, about, stated_by, quote in FIGURES:
        f = KZ[f"figure/{ident}"]
        g.add((f, RDF.type, KZO.Figure))
        g.add((f, RDF.type, SCHEMA.QuantitativeValue))
        g.add((f, SCHEMA.value, Literal(value, datatype=kind)))
        g.add((f, SCHEMA.unitText, Literal(unit)))
        g.add((f, KZO.counts, Literal(counts, lang="en")))
        g.add((f, KZO.approximate, Literal(approx)))
        for subject in about:
            g.add((f, SCHEMA.about, KZ[subject]))
        if stated_by:
            g.add((f, KZO.statedBy, KZ[stated_by]))
        g.add((f, SCHEMA.text, Literal(quote)))
        g.add((f, PROV.wasDerivedFrom, KZ[f"article/{article}"]))
        start = find(article, quote)
        node = KZ[f"figure/{ident}/anchor"]
        anchor(g, node, f, article, start, start + len(quote))
        g.add((f, KZO.anchor, node))

    for role in ("leader", "journalist"):
        r = KZ[f"role/{role}"]
        g.add((r, RDF.type, ORG.Role))
        g.add((r, RDF.type, SKOS.Concept))
        g.add((r, RDFS.label, Literal(role, lang="en")))
    memberships = [
        (
            "ainur-kurmanov-socialist-movement-kazakhstan-leader",
            "person/ainur-kurmanov",
            smk,
            "leader",
            "2011-05",
            None,
        ),
        (
            "aigerim-tursunova-iwpr-journalist",
            "person/aigerim-tursunova",
            KZ["org/iwpr"],
            "journalist",
            None,
            None,
        ),
    ]
    for ident, member, organisation, role, start, end in memberships:
        m = KZ[f"membership/{ident}"]
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, KZ[member]))
        g.add((m, ORG.organization, organisation))
        g.add((m, ORG.role, KZ[f"role/{role}"]))
        g.add((KZ[member], ORG.memberOf, organisation))
        if role in ("leader", "chair"):
            g.add((KZ[member], ORG.headOf, organisation))
        if start or end:
            during = URIRef(f"{m}/during")
            g.add((m, ORG.memberDuring, during))
            g.add((during, RDF.type, TIME.Interval))
            for value, edge, shortcut, name in [
                (start, TIME.hasBeginning, SCHEMA.startDate, "start"),
                (end, TIME.hasEnd, SCHEMA.endDate, "end"),
            ]:
                if value:
                    instant = URIRef(f"{during}/{name}")
                    g.add((during, edge, instant))
                    g.add((instant, RDF.type, TIME.Instant))
                    prop = {4: TIME.inXSDgYear, 7: TIME.inXSDgYearMonth, 10: TIME.inXSDDate}
                    g.add((instant, prop[len(value)], date(value)))
                    g.add((m, shortcut, date(value)))

    change = KZ["change/kazakhstan-2012-relaunch"]
    for cls in (ORG.ChangeEvent, KZO.OrganisationalChange, KZO.Renaming):
        g.add((change, RDF.type, cls))
    g.add((change, ORG.originalOrganization, k2012))
    g.add((change, ORG.resultingOrganization, smk))
    g.add((change, SCHEMA.startDate, date("2011-05")))
    g.add(
        (
            change,
            SCHEMA.description,
            Literal(
                "Kazakhstan 2012 re-launched as the Socialist Movement of Kazakhstan.", lang="en"
            ),
        )
    )
    g.add((k2012, ORG.changedBy, change))
    g.add((smk, ORG.resultedFrom, change))

    for path, article, quote in EVIDENCE:
        start = find(article, quote)
        record = KZ[path]
        node = KZ[f"{path}/evidence/{article}/{start}"]
        anchor(g, node, record, article, start, start + len(quote))
        g.add((record, KZO.anchor, node))
        g.add((record, PROV.wasDerivedFrom, KZ[f"article/{article}"]))
    return g


if __name__ == "__main__":
    out = Path(__file__).with_name("fixture.ttl")
    out.write_text(build().serialize(format="longturtle", canon=True), encoding="utf-8")
    print(f"wrote {out}")
