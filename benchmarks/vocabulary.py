"""Words the synthetic corpus is made of (see generate.py): names, places, topics, quote templates.

Kept apart from the generator so that its logic reads without scrolling past word lists. The
names are invented from common Kazakh name parts; the places are real, so that queries read
naturally; quote templates exist for every stance the ontology defines.
"""


def words(text: str) -> list[str]:
    return text.split()


GIVEN_MALE = words(
    "Aidos Alibek Almas Arman Askar Asylbek Azamat Bakhyt Bauyrzhan Berik Daniyar Dauren "
    "Dias Erlan Galym Kairat Kanat Marat Miras Mukhtar Nurlan Nurzhan Olzhas Rustem Sanzhar "
    "Serik Talgat Timur Yerbol Yerlan Zhanibek Zhaslan"
)
GIVEN_FEMALE = words(
    "Aigerim Aizhan Akmaral Aliya Aruzhan Asel Bibigul Dana Dinara Gulnara Indira Kamila "
    "Karlygash Laura Madina Meruyert Raushan Saule Symbat Togzhan Zhanar Zhuldyz Zarina"
)
SURNAME_ROOTS = words(
    "Abdr Abil Akhmet Amanzhol Baiz Bekt Beis Dosm Dzhaks Ermek Esen Iskak Kair Kalm Karas "
    "Kassym Kenzh Kozhakh Kul Mamb Mukan Nurp Omar Ospan Rakhim Sadyk Sarsen Seit Tokt "
    "Tulep Ualikh Umirz Utep Zhakip Zhanat Zhumab Zhunus"
)
SURNAME_MIDDLES = ["", "bek", "bai", "zhan", "gali", "tai", "mur", "ash", "ak", "ul"]
KAZAKH_NAMES = words(
    "Ak Alash Atameken Azat Birlik Bolashak Dala Erkin Halyk Kenes Kok Nur Orda Otan Ruh "
    "Tan Tugan Ult Zhana Zhas Zhol Zher Kush Bereke Adal"
)
ADJECTIVES = words(
    "Democratic Popular National Social Green Free United Patriotic Civic Labour "
    "Progressive Republican Liberal Agrarian Independent Eurasian Socialist Workers' Young "
    "New"
)
NOUNS = words(
    "Choice Path Alliance Future Unity Renewal Dawn Spirit Voice Homeland Steppe Justice "
    "Solidarity Revival Accord Horizon Initiative Front Union Congress"
)
OUTLET_WORDS = ["Herald", "Monitor", "Review", "Observer", "Courier", "Times", "Post", "Bulletin"]
JOBS = [
    "opposition politician",
    "trade union leader",
    "political scientist",
    "member of parliament",
    "civic activist",
    "economist",
    "government official",
    "lawyer",
    "businessman",
    "party leader",
]
GROUP_WORDS = [
    "many",
    "analysts",
    "pensioners",
    "oil workers",
    "teachers",
    "students",
    "local residents",
    "opposition activists",
]
PEOPLE = ["workers", "teachers", "miners", "farmers", "students", "pensioners", "residents"]
TOPICS = [
    "the pension reform",
    "the new land code",
    "the rise in gas prices",
    "the labour code",
    "the language law",
    "the privatisation of the railways",
    "the customs union",
    "the constitutional amendments",
    "the ban on independent unions",
    "the housing programme",
    "the early elections",
    "the water shortage",
]
# (id, label, aliases, type, contained_in): rank 0 is the most mentioned.
PLACES = [
    ("kazakhstan", "Kazakhstan", ["Kazakstan"], "country", "central-asia"),
    ("almaty", "Almaty", ["Alma-Ata"], "city", "kazakhstan"),
    ("astana", "Astana", ["Nur-Sultan"], "city", "kazakhstan"),
    ("russia", "Russia", ["Russian Federation"], "country", None),
    ("zhanaozen", "Zhanaozen", [], "city", "kazakhstan"),
    ("shymkent", "Shymkent", ["Chimkent"], "city", "kazakhstan"),
    ("karaganda", "Karaganda", ["Karagandy"], "city", "kazakhstan"),
    ("china", "China", [], "country", None),
    ("aktobe", "Aktobe", [], "city", "kazakhstan"),
    ("atyrau", "Atyrau", [], "city", "kazakhstan"),
    ("aktau", "Aktau", [], "city", "kazakhstan"),
    ("pavlodar", "Pavlodar", [], "city", "kazakhstan"),
    ("semey", "Semey", ["Semipalatinsk"], "city", "kazakhstan"),
    ("oral", "Oral", ["Uralsk"], "city", "kazakhstan"),
    ("uzbekistan", "Uzbekistan", [], "country", "central-asia"),
    ("kyrgyzstan", "Kyrgyzstan", [], "country", "central-asia"),
    ("temirtau", "Temirtau", [], "city", "kazakhstan"),
    ("central-asia", "Central Asia", [], "region", None),
]
# One or more quote templates per stance: {s} subject, {p} place, {x} topic, {w} people, {y} year.
BACKGROUND = [  # prose that names nobody, so texts are as long as short news reports
    "The debate over {x} has dominated the news for weeks.",
    "Officials have said little in public since the first reports appeared.",
    "Prices for bread and fuel rose again last month, adding to the discontent of the {w}.",
    "Independent observers were not allowed to attend the meeting.",
    "The government has promised to publish the full text of the plan before the end of {y}.",
    "Similar disputes flared up in several regions in {y}, when the {w} first organised.",
    "Local media gave the story little attention.",
    "Many of the {w} interviewed for this report asked not to be named.",
    "The authorities did not say how many people had been detained.",
    "Critics say the consultations on {x} were a formality.",
]
FILLERS = [
    "{e} was also named in reports on {x}.",
    "{e} did not answer a request for comment.",
    "The role of {e} in the dispute remains unclear.",
]
QUOTES = {  # half name nobody: real quotes are often "They are baseless"
    "asserts": [
        "{s} has the support of most {w} in {p}",
        "{x} is supported by only a handful of officials",
    ],
    "denies": [
        "there was no secret agreement between {s} and the authorities in {p}",
        "we have never taken money from abroad",
    ],
    "predicts": [
        "{s} will win the next election in {p}",
        "{x} will bring the {w} back onto the streets by {y}",
    ],
    "doubts": ["it is unclear whether {s} can survive {x}", "few {w} believe these promises"],
    "criticises": ["{s} has failed the {w} of {p}", "nobody asked the {w} about {x}"],
    "endorses": ["we fully support {s} on {x}", "the {w} are right to stand up for themselves"],
    "warns": ["{x} may provoke unrest in {p}", "the patience of the {w} is running out"],
    "demands": ["{s} must release the detained {w} of {p}", "{x} must be cancelled at once"],
    "proposes": ["{s} should hold a referendum on {x}", "a commission should study {x}"],
    "accuses": ["{s} is trying to silence the {w} of {p}", "the money meant for {x} was stolen"],
    "explains": ["{s} grew because it was built from below", "{x} turned the {w} against us"],
    "recalls": ["{s} first came to {p} in {y}", "we opposed {x} as early as {y}"],
}
SAYS = {
    "asserts": "says",
    "denies": "denies",
    "predicts": "predicts",
    "doubts": "doubts",
    "criticises": "says critically",
    "endorses": "says in support",
    "warns": "warns",
    "demands": "demands",
    "proposes": "proposes",
    "accuses": "alleges",
    "explains": "explains",
    "recalls": "recalls",
}
