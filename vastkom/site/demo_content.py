"""Demo content a visitor would recognise from the two seed pages, in our own words.

Used by ``manage.py load_demo``. Everything is keyed by slug and only ever created, never
updated, so loading twice changes nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# The local demo's accounts (username -> password), made by `load_demo --editor` only when
# DJANGO_DEBUG is on. Their credentials are public (README), so production refuses them.
DEMO_ACCOUNTS = {"redaktor": "redaktor-demo-2026", "skribent": "skribent-demo-2026"}
# Which editors' group each demo account joins (the groups come from vastkom/site/roles.py).
DEMO_ROLES = {"redaktor": "Publicerare", "skribent": "Skribent"}
DEMO_NAMES = {"redaktor": ("Rita", "Redaktör"), "skribent": ("Sam", "Skribent")}


def when(year, month, day, hour=9, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


CONTACTS = [
    {
        "key": "analytiker",
        "name": "Tove Lindqvist",
        "role": "Analytiker och projektledare",
        "organisation": "VästKom",
        "email": "tove.lindqvist@example.se",
        "phone": "031-123 45 67",
    },
    {
        "key": "direktor",
        "name": "Johan Berglund",
        "role": "Direktör",
        "organisation": "VästKom",
        "email": "johan.berglund@example.se",
        "phone": "031-123 45 00",
    },
    {
        "key": "kommunikator",
        "name": "Sara Ekström",
        "role": "Kommunikatör",
        "organisation": "VästKom",
        "email": "sara.ekstrom@example.se",
        "phone": "031-123 45 10",
    },
]

# (slug, title, parent slug, in menu, order, intro, body, contacts, related slugs)
TOPICS = [
    {
        "slug": "kommunal-halso-och-sjukvard",
        "title": "Kommunal hälso- och sjukvård",
        "parent": None,
        "menu": True,
        "order": 1,
        "intro": (
            "Kommunerna står i dag för ungefär en fjärdedel av all hälso- och sjukvård, och andelen växer "
            "när vården flyttar närmare människors hem."
        ),
        "body": """
<p>En stor del av vården ges redan i dag av kommunerna: i hemsjukvården, på särskilda boenden och i
rehabiliteringen. Samtidigt pågår en omställning av hela den svenska hälso- och sjukvården mot en
<strong>nära vård</strong> som utgår från den enskildes behov. Mer vård kommer att ges i hemmet.</p>
<p>Omställningen påverkar både hälso- och sjukvården och socialtjänsten. Den kräver nya arbetssätt,
mer kompetensutveckling och ett nära samarbete inom kommunen, mellan kommunerna och med
Västra Götalandsregionen.</p>
<h2>Så gör samverkan skillnad</h2>
<h3>Stöd i omställningen till nära vård</h3>
<p>VästKom samlar kommunernas erfarenheter, för dialog om behov och utmaningar och företräder
kommunerna regionalt och nationellt.</p>
<h3>Kunskapsunderlag ur kommunernas perspektiv</h3>
<p>Vi tar fram rapporter och nyckeltal som gör det möjligt att följa omställningen. Nationell statistik
saknas ofta för den kommunala hälso- och sjukvården.</p>
<h3>En gemensam röst i dialogen med regionen</h3>
<p>Hälso- och sjukvårdsavtalet, riktlinjer och överenskommelser tas fram tillsammans med regionen.
Läs mer hos <a href="https://www.vgregion.se/">Västra Götalandsregionen</a>.</p>
""",
        "contacts": ["analytiker"],
        "related": ["nara-vard", "halso-och-sjukvardsavtal"],
    },
    {
        "slug": "nara-vard",
        "title": "Nära vård",
        "parent": "kommunal-halso-och-sjukvard",
        "menu": False,
        "order": 1,
        "intro": "VästKom stödjer kommunerna i omställningen till en god och nära vård med primärvården som bas.",
        "body": """
<p>Nära vård betyder att vården ska bli mer personcentrerad och utgå från individens behov och
resurser. Egenvård och förebyggande insatser är den mest nära vården av alla.</p>
<h2>Vad händer just nu?</h2>
<ul>
<li>Gemensamma målbilder för kommuner och region i Västra Götaland.</li>
<li>Kompetensutveckling för vårdens medarbetare, bland annat på en digital lärplattform.</li>
<li>Uppföljning med nyckeltal som visar hur omställningen går i kommunerna.</li>
</ul>
""",
        "contacts": ["analytiker"],
        "related": ["kommunal-halso-och-sjukvard", "vardens-medarbetare"],
    },
    {
        "slug": "halso-och-sjukvardsavtal",
        "title": "Hälso- och sjukvårdsavtal",
        "parent": "kommunal-halso-och-sjukvard",
        "menu": False,
        "order": 2,
        "intro": "Avtalet reglerar hur kommunerna och regionen delar ansvaret för hälso- och sjukvården.",
        "body": "<p>Avtalet följs upp varje år och revideras i dialog mellan kommunerna och regionen.</p>",
        "contacts": ["direktor"],
        "related": ["kommunal-halso-och-sjukvard"],
    },
    {
        "slug": "vardens-medarbetare",
        "title": "Vårdens medarbetare",
        "parent": "kommunal-halso-och-sjukvard",
        "menu": False,
        "order": 3,
        "intro": "Ett gemensamt projekt för att stärka medarbetarna i den kommunala vården.",
        "body": "<p>Socialcheferna i kommunerna har valt att satsa gemensamt på kompetens och arbetsmiljö.</p>",
        "contacts": ["analytiker"],
        "related": ["nara-vard"],
    },
    {
        "slug": "social-valfard",
        "title": "Social välfärd",
        "parent": None,
        "menu": True,
        "order": 2,
        "intro": "Socialtjänst, funktionsstöd och äldreomsorg: frågor där kommunerna vinner på att samverka.",
        "body": "<p>VästKom samordnar kommunernas arbete med regionala överenskommelser inom välfärden.</p>",
        "contacts": ["direktor"],
        "related": ["kommunal-halso-och-sjukvard", "barn-och-unga"],
    },
    {
        "slug": "barn-och-unga",
        "title": "Barn och unga",
        "parent": "social-valfard",
        "menu": False,
        "order": 1,
        "intro": "Samverkan kring barns och ungas hälsa, skola och trygghet.",
        "body": "<p>Kommunerna och regionen har gemensamma riktlinjer för barn och unga med behov av stöd.</p>",
        "contacts": [],
        "related": ["social-valfard"],
    },
    {
        "slug": "regional-utveckling",
        "title": "Regional utveckling",
        "parent": None,
        "menu": True,
        "order": 3,
        "intro": "Infrastruktur, kollektivtrafik och kompetensförsörjning för en konkurrenskraftig region.",
        "body": "<p>VästKom företräder kommunerna i det regionala utvecklingsarbetet i Västra Götaland.</p>",
        "contacts": ["direktor"],
        "related": ["digitalisering"],
    },
    {
        "slug": "digitalisering",
        "title": "Digitalisering",
        "parent": None,
        "menu": True,
        "order": 4,
        "intro": "Gemensamma digitala lösningar, bland annat framtidens vårdinformationsmiljö.",
        "body": "<p>Digitaliseringens möjligheter är en nyckel när allt fler ska få vård med färre medarbetare.</p>",
        "contacts": ["kommunikator"],
        "related": ["kommunal-halso-och-sjukvard"],
    },
    {
        "slug": "om-vastkom",
        "title": "Om VästKom",
        "parent": None,
        "menu": True,
        "order": 9,
        "intro": "VästKom är kommunernas länsgemensamma samverkansaktör i Västra Götaland.",
        "body": """
<p>VästKom verkar på den regionala arenan med frågor där nyttan blir större av att samverka regionalt
än delregionalt eller lokalt. Bakom VästKom står de fyra kommunalförbunden i Västra Götaland.</p>
""",
        "contacts": ["direktor", "kommunikator"],
        "related": [],
    },
]

SEED_ARTICLE = {
    "slug": "dialog-om-god-och-nara-vard-ur-kommunperspektiv",
    "title": "Dialog om God och nära vård ur kommunperspektiv",
    "lead": (
        "”Samverkan måste finnas på plats om vi ska klara en sömlös vård”, sa regeringens särskilda utredare "
        "när ett hundratal deltagare samlades till VästKoms konferens om god och nära vård."
    ),
    "body": """
<p>Konferensen God och nära vård ur kommunperspektiv hölls på torsdagen på Dahlheimers hus i Göteborg.
Regeringens särskilda utredare beskrev färdplanen från utredningens första delbetänkande: vården ska
gå från akutsjukhusen mot en ny organisering med primärvården som bas, och utgå tydligt från
patienternas behov.</p>
<p>Sveriges Kommuner och Regioners samordnare för nära vård talade om att sätta patienten i centrum.
Egenvården är den allra mest nära vården, och förebyggande insatser är de mest effektiva. Förändringen
görs av medarbetarna, med stöd av ett modigt ledarskap, i små steg mot ett gemensamt mål.</p>
<blockquote><p>Det krävs en strukturförändring för att både rekrytera och behålla allmänläkarna.</p></blockquote>
<h2>Kommunerna i utredningen</h2>
<p>Många frågor från publiken handlade om hur kommunerna finns med i arbetet. En fjärdedel av vården
bedrivs i kommunal regi, och kommunföreträdare ingår i den arbetsgrupp som nu bildas.</p>
<p>Deltagarna var verksamhetschefer, medicinskt ansvariga sjuksköterskor, processledare och politiker
från kommunerna, och några företrädare för regionens primärvård. Synpunkterna från dagen sammanställs
och skickas till utredarna. Läs mer om utredningen hos
<a href="https://www.regeringen.se/">Regeringskansliet</a>.</p>
""",
    "caption": (
        "Samordnaren för nära vård, regeringens särskilda utredare och VästKoms direktör på konferensen "
        "God och nära vård ur ett kommunperspektiv."
    ),
    "alt": "Tre talare står framför en projektorduk i en konferenssal.",
    "topics": ["nara-vard", "kommunal-halso-och-sjukvard"],
    "contacts": ["analytiker"],
    "publish_at": when(2026, 11, 13, 10, 30),
    "colour": (0, 79, 113),
}

NEWS_SUBJECTS = [
    ("Nya riktlinjer för hemsjukvård antagna", "kommunal-halso-och-sjukvard"),
    ("Digital lärplattform når tusen medarbetare", "vardens-medarbetare"),
    ("Hälso- och sjukvårdsavtalet följs upp", "halso-och-sjukvardsavtal"),
    ("Kommunerna samlas om nyckeltal för nära vård", "nara-vard"),
    ("Ny överenskommelse om barns psykiska hälsa", "barn-och-unga"),
    ("Kollektivtrafiken i fokus på regionalt forum", "regional-utveckling"),
    ("Framtidens vårdinformationsmiljö: nästa steg", "digitalisering"),
    ("Socialchefer möts om kompetensförsörjning", "social-valfard"),
    ("Rapport: kostnaderna i kommunal hälso- och sjukvård", "kommunal-halso-och-sjukvard"),
    ("Seminarium om egenvård och förebyggande arbete", "nara-vard"),
    ("Samverkan kring utskrivning från sjukhus förbättras", "kommunal-halso-och-sjukvard"),
    ("Välfärdsteknik prövas i tolv kommuner", "digitalisering"),
    ("VästKoms styrelse beslutar om verksamhetsplan", "om-vastkom"),
    ("Ungdomsmottagningar får gemensam modell", "barn-och-unga"),
    ("Kompetenslyft för undersköterskor i Västra Götaland", "vardens-medarbetare"),
    ("Regionala utvecklingsstrategin på remiss", "regional-utveckling"),
    ("Läkemedelsgenomgångar i hemsjukvården", "kommunal-halso-och-sjukvard"),
    ("Nytt nätverk för medicinskt ansvariga", "kommunal-halso-och-sjukvard"),
    ("E-tjänster för äldre utvärderade", "digitalisering"),
    ("Samordnad individuell plan i fokus", "social-valfard"),
    ("Konferens om psykisk hälsa i november", "social-valfard"),
    ("Webbinarium om nära vård för politiker", "nara-vard"),
    ("Gemensam upphandling av trygghetslarm", "digitalisering"),
    ("Årsrapport 2025 om länets samverkan", "om-vastkom"),
]

DRAFT_ARTICLE = {
    "slug": "utkast-planering-infor-varens-konferens",
    "title": "Utkast: planering inför vårens konferens",
    "lead": "Ett utkast som bara redaktörer ser.",
}
SCHEDULED_ARTICLE = {
    "slug": "inbjudan-till-kommundagen-2027",
    "title": "Inbjudan till kommundagen 2027",
    "lead": "Schemalagd nyhet: publiceras automatiskt när tiden är inne.",
    "publish_at": when(2027, 3, 1, 8, 0),
}


def news_articles():
    """The two dozen ordinary articles that fill the archive (three pages)."""
    start = when(2026, 11, 6, 9, 0)
    for i, (title, topic) in enumerate(NEWS_SUBJECTS):
        yield {
            "title": title,
            "topic": topic,
            "publish_at": start - dt.timedelta(days=9 * i),
            "lead": (
                f"{title}. Kommunerna i Västra Götaland arbetar vidare tillsammans, och VästKom samordnar "
                "arbetet på regional nivå."
            ),
            "body": (
                "<p>Arbetet sker i nära dialog mellan de 49 kommunerna och Västra Götalandsregionen. "
                "Kommunalförbunden förankrar frågorna hos sina medlemskommuner.</p>"
                "<h2>Nästa steg</h2><p>En uppföljning presenteras för VästKoms styrelse under året.</p>"
            ),
        }
