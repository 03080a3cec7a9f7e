"""Demo content a visitor would recognise from the two seed pages, in our own words.

Used by ``manage.py load_demo``. Everything is keyed by slug and only ever created, never
updated, so loading twice changes nothing.

Every article has its own lead and at least two paragraphs about regional collaboration. Its
picture is a scene from ``demo_pictures`` (drawn with Pillow); the alt text says what that
scene shows, and the caption what it stands for. Names of people are made up.
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

CONTACTS += [
    {
        "key": "digitalisering",
        "name": "Maria Holm",
        "role": "Utvecklingsledare digitalisering",
        "organisation": "VästKom",
        "email": "maria.holm@example.se",
        "phone": "031-123 45 22",
    },
    {
        "key": "kompetens",
        "name": "Anders Nyberg",
        "role": "Strateg kompetensförsörjning",
        "organisation": "VästKom",
        "email": "anders.nyberg@example.se",
        "phone": "031-123 45 31",
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
<p>Antalet invånare som är över 80 år ökar kraftigt de kommande åren. Kommunernas hälso- och sjukvård
kommer att möta allt sjukare patienter med mer omfattande och sammansatta vårdbehov. Antalet personer i
arbetsför ålder växer inte i samma takt, så det blir svårare att rekrytera den personal som behövs.
Verksamheterna behöver arbeta smartare, bland annat med ny teknik och digitaliseringens möjligheter.</p>
<h2>Så gör samverkan skillnad</h2>
<h3>Stöd i omställningen till nära vård</h3>
<p>VästKom samlar kommunernas erfarenheter, för dialog om behov och utmaningar och företräder
kommunerna regionalt och nationellt. Det handlar också om att förstå vad de nya arbetssätten betyder
i praktiken, för medarbetarna och för den som får vård.</p>
<h3>Kompetensutveckling för att möta omställningen</h3>
<p>Omställningen till en nära vård ökar behovet av kompetensutveckling. Tillsammans har kommunerna tagit
fram en digital lärplattform, så att fler medarbetare kan ta del av utbildning när det passar
verksamheten. Kunskaperna behöver fyllas på hela tiden, och därför ordnas också kortare utbildningar,
konferenser och seminarier.</p>
<h3>Kunskapsunderlag ur kommunernas perspektiv</h3>
<p>Vi tar fram rapporter och nyckeltal som gör det möjligt att följa omställningen. Nationell statistik
saknas ofta för den kommunala hälso- och sjukvården, dess omfattning, kvalitet och kostnader.</p>
<h3>En gemensam röst i dialogen med regionen</h3>
<p>Hälso- och sjukvårdsavtalet, riktlinjer och överenskommelser tas fram tillsammans med regionen.
Kommunalförbunden för dialogen med sina medlemskommuner, och VästKom för kommunernas gemensamma
synpunkter vidare. Läs mer hos <a href="https://www.vgregion.se/">Västra Götalandsregionen</a>.</p>
""",
        "contacts": ["analytiker"],
        "related": ["nara-vard", "halso-och-sjukvardsavtal", "digitalisering", "social-valfard"],
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
resurser. Egenvård och förebyggande insatser är den mest nära vården av alla, och mycket av det som i
dag görs på sjukhus kan göras i primärvården eller i hemmet.</p>
<p>För kommunerna innebär omställningen fler och mer avancerade insatser i hemsjukvården, ett tätare
samarbete med vårdcentralerna och nya sätt att dela information. Därför arbetar kommunerna och regionen
efter gemensamma målbilder.</p>
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
        "body": """
<p>Hälso- och sjukvårdsavtalet beskriver vem som gör vad när en invånare behöver insatser från både
kommunen och regionen: hemsjukvård, rehabilitering, hjälpmedel och läkarmedverkan i kommunal vård.</p>
<p>Avtalet följs upp varje år. Uppföljningen bygger på avvikelser, nyckeltal och dialog i de lokala
samverkansgrupperna, och förslag till ändringar tas fram gemensamt av kommunerna och regionen.</p>
""",
        "contacts": ["direktor"],
        "related": ["kommunal-halso-och-sjukvard", "nara-vard"],
    },
    {
        "slug": "vardens-medarbetare",
        "title": "Vårdens medarbetare",
        "parent": "kommunal-halso-och-sjukvard",
        "menu": False,
        "order": 3,
        "intro": "Ett gemensamt arbete för att stärka och behålla medarbetarna i den kommunala vården.",
        "body": """
<p>Socialcheferna i kommunerna har valt att satsa gemensamt på kompetens och arbetsmiljö för
undersköterskor, sjuksköterskor och rehabiliteringspersonal.</p>
<p>Arbetet omfattar introduktion för nyanställda, handledning, möjligheter att växa i yrket och en
digital lärplattform med kurser som är gemensamma för länets kommuner.</p>
""",
        "contacts": ["kompetens"],
        "related": ["nara-vard", "kompetensforsorjning"],
    },
    {
        "slug": "social-valfard",
        "title": "Social välfärd",
        "parent": None,
        "menu": True,
        "order": 2,
        "intro": "Socialtjänst, funktionsstöd och äldreomsorg: frågor där kommunerna vinner på att samverka.",
        "body": """
<p>VästKom samordnar kommunernas arbete med regionala överenskommelser inom välfärden, till exempel om
barn och unga, psykisk hälsa, missbruk och beroende och stöd till personer med funktionsnedsättning.</p>
<p>Många av insatserna kräver att kommunen och regionen planerar tillsammans med den enskilde. Den
samordnade individuella planen, SIP, är ett av verktygen.</p>
""",
        "contacts": ["direktor"],
        "related": ["kommunal-halso-och-sjukvard"],
    },
    {
        "slug": "barn-och-unga",
        "title": "Barn och unga",
        "parent": "social-valfard",
        "menu": False,
        "order": 1,
        "intro": "Samverkan kring barns och ungas hälsa, skola och trygghet.",
        "body": """
<p>Kommunerna och regionen har gemensamma riktlinjer för barn och unga som behöver stöd från flera
håll: elevhälsan, socialtjänsten, ungdomsmottagningen och barn- och ungdomspsykiatrin.</p>
<p>Målet är att ett barn ska få rätt hjälp tidigt, utan att familjen själv behöver samordna
kontakterna.</p>
""",
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
        "body": """
<p>VästKom företräder kommunerna i det regionala utvecklingsarbetet i Västra Götaland, bland annat i
arbetet med den regionala utvecklingsstrategin och i frågor om kollektivtrafik och infrastruktur.</p>
<p>Kommunerna bidrar med lokal kunskap om näringsliv, bostäder och pendling, så att de regionala
besluten fungerar i hela länet.</p>
""",
        "contacts": ["direktor"],
        "related": ["kompetensforsorjning", "digitalisering"],
    },
    {
        "slug": "kompetensforsorjning",
        "title": "Kompetensförsörjning",
        "parent": "regional-utveckling",
        "menu": False,
        "order": 1,
        "intro": (
            "Välfärden behöver fler medarbetare: kommunerna arbetar gemensamt med att rekrytera, utbilda och behålla."
        ),
        "body": """
<p>Fram till 2035 behöver kommunerna i länet rekrytera tiotusentals medarbetare till vård, omsorg och
skola. Ingen kommun klarar det ensam.</p>
<p>Tillsammans med regionen, vuxenutbildningen och lärosätena tar kommunerna fram gemensamma
utbildningsvägar, valideringsmodeller och kompetenslyft för dem som redan arbetar i välfärden.</p>
""",
        "contacts": ["kompetens"],
        "related": ["vardens-medarbetare"],
    },
    {
        "slug": "digitalisering",
        "title": "Digitalisering",
        "parent": None,
        "menu": True,
        "order": 4,
        "intro": "Gemensamma digitala lösningar, bland annat framtidens vårdinformationsmiljö.",
        "body": """
<p>Digitaliseringens möjligheter är en nyckel när allt fler ska få vård och omsorg med färre
medarbetare. Kommunerna samarbetar om e-tjänster, välfärdsteknik och informationsförsörjning.</p>
<p>Ett av de största gemensamma arbetena är framtidens vårdinformationsmiljö: ett journalsystem som
kommunerna och regionen delar, så att informationen följer patienten.</p>
""",
        "contacts": ["digitalisering"],
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
<p>Styrelsen består av förtroendevalda från kommunalförbunden. Kansliet samordnar arbetet, bereder
frågor inför styrelsen och företräder kommunerna i dialogen med Västra Götalandsregionen.</p>
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
görs av medarbetarna, med stöd av ett modigt ledarskap, i små steg mot ett gemensamt mål. Hon varnade
för att fastna i bilden av en primärvård i kris: omställningen går att göra om vi tror på den.</p>
<p>Kompetensförsörjningen är en viktig del, påpekade utredaren:</p>
<blockquote><p>Det krävs en strukturförändring för att både rekrytera och behålla allmänläkarna.</p></blockquote>
<h2>Kommunerna i utredningen</h2>
<p>Många frågor från publiken handlade om hur kommunerna finns med i arbetet. En fjärdedel av vården
bedrivs i kommunal regi, och kommunföreträdare ingår i den arbetsgrupp som nu bildas.</p>
<p>Deltagarna var verksamhetschefer, medicinskt ansvariga sjuksköterskor, processledare och politiker
från kommunerna, och några företrädare för regionens primärvård. De fick diskutera och lämna synpunkter
på utredarnas arbete. Synpunkterna sammanställs, skickas till utredarna och publiceras här. Läs mer om
utredningen hos <a href="https://www.regeringen.se/">Regeringskansliet</a>.</p>
""",
    # The seed's closing photo: after the text, its caption beneath it.
    "picture": "konferens",
    "position": "end",
    "alt": (
        "Tecknad bild: tre personer står på en scen, framför en duk med ett stapeldiagram. Mellan två av dem "
        "står en talarstol."
    ),
    "caption": (
        "Samordnaren för nära vård, regeringens särskilda utredare och VästKoms direktör på konferensen "
        "God och nära vård ur ett kommunperspektiv. (Illustration)"
    ),
    "topics": ["nara-vard", "kommunal-halso-och-sjukvard"],
    "contacts": ["analytiker"],
    "publish_at": when(2026, 11, 13, 10, 30),
}

# The ordinary news that fill the archive (three pages), newest first. "picture" names a scene in
# demo_pictures; "alt" says what that scene shows; "decorative" pictures have no alt text.
NEWS = [
    {
        "title": "Nya riktlinjer för hemsjukvård antagna",
        "topic": "kommunal-halso-och-sjukvard",
        "contact": "analytiker",
        "lead": (
            "Från årsskiftet gäller gemensamma riktlinjer för hemsjukvården i länets 49 kommuner. De gör det "
            "tydligare vem som ansvarar för vad när en patient får vård i sitt hem."
        ),
        "body": """
<p>Riktlinjerna har tagits fram av kommunerna och Västra Götalandsregionen tillsammans och antogs av
VästKoms styrelse i oktober. De beskriver bland annat hur vårdcentralens läkare och kommunens
sjuksköterskor planerar insatserna gemensamt, och när en patient ska skrivas in i hemsjukvården.</p>
<p>Tidigare hade kommunerna olika rutiner, vilket gjorde det svårt för vårdcentraler som har patienter
i flera kommuner. Nu blir det samma ordning i hela länet.</p>
<h2>Nästa steg</h2>
<p>Under våren ordnas informationsträffar i varje delregion. Riktlinjerna följs upp efter ett år, med
avvikelser och enkäter till medarbetare som underlag.</p>
""",
        "picture": "hemsjukvard",
        "alt": "Tecknad bild: ett hus med tända fönster, ett träd och en vit bil med ett rött kors på dörren.",
        "caption": "Allt mer vård ges i hemmet. (Illustration)",
    },
    {
        "title": "Digital lärplattform når tusen medarbetare",
        "topic": "vardens-medarbetare",
        "contact": "kompetens",
        "lead": (
            "Över tusen undersköterskor och sjuksköterskor har nu gått minst en kurs på kommunernas gemensamma "
            "lärplattform, ett halvår efter starten."
        ),
        "body": """
<p>Lärplattformen byggdes för att medarbetare i den kommunala vården ska kunna lära sig nytt utan att
lämna arbetsplatsen en hel dag. Kurserna är korta filmer med frågor, och det går att pausa och fortsätta
när det passar i schemat.</p>
<p>De mest använda kurserna handlar om läkemedelshantering, fallprevention och palliativ vård. Flera
kommuner har också lagt in plattformen i introduktionen för nyanställda.</p>
<p>Nästa år tillkommer kurser om demens och om hur man dokumenterar i det nya journalsystemet.</p>
""",
        "picture": "larplattform",
        "alt": "Tecknad bild: en uppfälld bärbar dator på ett skrivbord. Skärmen visar en videospelare.",
        "caption": "Kurserna går att ta i korta pass under arbetsdagen. (Illustration)",
    },
    {
        "title": "Hälso- och sjukvårdsavtalet följs upp",
        "topic": "halso-och-sjukvardsavtal",
        "contact": "direktor",
        "lead": (
            "Den årliga uppföljningen av hälso- och sjukvårdsavtalet visar att samarbetet kring rehabilitering "
            "fungerar bättre, men att hjälpmedelsfrågorna fortfarande skapar många avvikelser."
        ),
        "body": """
<p>Uppföljningen bygger på drygt 2 000 avvikelser som rapporterats under året, på nyckeltal och på
samtal i de lokala samverkansgrupperna. Jämfört med förra året har avvikelserna om rehabilitering efter
sjukhusvistelse minskat med nästan en tredjedel.</p>
<p>Fler avvikelser än tidigare gäller däremot hjälpmedel, särskilt när en patient skrivs ut en fredag
och hjälpmedlet inte hunnit komma hem. Kommunerna och regionen tar nu fram en gemensam rutin för helger.</p>
""",
        "picture": "avtal",
        "alt": "Tecknad bild: ett papper med textrader och en underskrift, och en penna som ligger snett över det.",
        "caption": "Avtalet följs upp varje år. (Illustration)",
    },
    {
        "title": "Kommunerna samlas om nyckeltal för nära vård",
        "topic": "nara-vard",
        "contact": "analytiker",
        "lead": (
            "Tio nyckeltal ska visa hur omställningen till nära vård går i länets kommuner. Den första "
            "mätningen publiceras i februari."
        ),
        "body": """
<p>Nyckeltalen har valts ut av kommunernas analytiker tillsammans med regionen. De mäter bland annat
hur många som får läkarbesök i hemmet, hur ofta äldre återinskrivs på sjukhus inom 30 dagar och hur
många som har en fast vårdkontakt.</p>
<p>Tanken är att varje kommun ska kunna jämföra sig med andra av samma storlek och se vad som
förändras över tid. Uppgifterna hämtas från befintliga register, så kommunerna behöver inte rapportera
något nytt.</p>
""",
        "picture": "nyckeltal",
        "alt": "Tecknad bild: ett stapeldiagram med fem staplar som blir högre åt höger, och en linje som stiger.",
        "caption": "Nyckeltalen ska göra omställningen möjlig att följa. (Illustration)",
    },
    {
        "title": "Ny överenskommelse om barns psykiska hälsa",
        "topic": "barn-och-unga",
        "contact": "direktor",
        "lead": (
            "Elevhälsan, socialtjänsten och barn- och ungdomspsykiatrin ska samarbeta tidigare. Det slår en "
            "ny överenskommelse fast som gäller från januari."
        ),
        "body": """
<p>Överenskommelsen beskriver hur skolan, kommunens socialtjänst och regionens vård ska agera när ett
barn visar tecken på psykisk ohälsa. Den som först ser behovet ska ta initiativ till ett gemensamt möte
med familjen, i stället för att skriva en remiss och vänta.</p>
<p>Bakgrunden är att många familjer har berättat att de själva fått hålla ihop kontakterna mellan
olika verksamheter. Överenskommelsen ska göra det lättare att få rätt hjälp tidigt.</p>
""",
        "picture": "skola",
        "alt": "Tecknad bild: en skolbyggnad i tegel med en klocka ovanför entrén, en svensk flagga och ett träd.",
        "caption": "Skolan är ofta först att se att ett barn behöver stöd. (Illustration)",
    },
    {
        "title": "Kollektivtrafiken i fokus på regionalt forum",
        "topic": "regional-utveckling",
        "contact": "direktor",
        "lead": (
            "Hur ska busstrafiken på landsbygden klara både skolskjuts och arbetspendling? Frågan stod i "
            "centrum när kommunernas och regionens politiker möttes i Vänersborg."
        ),
        "body": """
<p>Forumet samlade ett sextiotal förtroendevalda. Flera kommuner beskrev hur linjer som är viktiga för
pendlare läggs ned när resandet minskar, samtidigt som skolskjutsarna kostar allt mer.</p>
<p>Regionens kollektivtrafiknämnd presenterade ett förslag om att pröva anropsstyrd trafik i några
kommuner, där bussen bara går när någon har bokat en resa. Kommunerna ska lämna synpunkter på förslaget
före sommaren.</p>
""",
        "picture": "buss",
        "alt": "Tecknad bild: en blå buss på en gata framför en rad hus i olika färger.",
        "caption": "Landsbygdens busstrafik var forumets huvudfråga. (Illustration)",
    },
    {
        "title": "Framtidens vårdinformationsmiljö: nästa steg",
        "topic": "digitalisering",
        "contact": "digitalisering",
        "lead": (
            "Kommunerna börjar använda det gemensamma journalsystemet i tre etapper under nästa år. Först ut "
            "är kommunerna i Skaraborg."
        ),
        "body": """
<p>Framtidens vårdinformationsmiljö är ett journalsystem som kommunerna och regionen delar. När
sjuksköterskan i hemsjukvården och läkaren på vårdcentralen skriver i samma journal behöver ingen
information skickas fram och tillbaka.</p>
<p>Inför starten utbildas superanvändare i varje kommun, och en gemensam support öppnar för alla 49
kommuner. Erfarenheterna från den första etappen ska användas innan de andra delregionerna börjar.</p>
""",
        "picture": "karta",
        "alt": (
            "Tecknad karta: ett landområde vid havet med en stor sjö och 49 prickar utspridda över landet, "
            "en för varje kommun."
        ),
        "caption": "Systemet ska användas i alla länets 49 kommuner. (Illustration)",
    },
    {
        "title": "Socialchefer möts om kompetensförsörjning",
        "topic": "social-valfard",
        "contact": "kompetens",
        "lead": (
            "Brist på socionomer och undersköterskor är den största utmaningen för socialtjänsten de närmaste "
            "åren. Socialcheferna vill därför rekrytera och utbilda tillsammans."
        ),
        "body": """
<p>Vid höstens nätverksträff enades socialcheferna om tre gemensamma åtgärder: en modell för validering
av undersköterskor som redan arbetar i omsorgen, betald praktik för socionomstudenter och en
gemensam introduktion för nya handläggare.</p>
<p>Kommunerna konkurrerar i dag ofta om samma personer. Med gemensamma villkor för praktik och
introduktion blir det lättare att få nyutbildade att stanna i yrket.</p>
""",
        "picture": "pratbubblor",
        "alt": "Tecknad bild: två pratbubblor, en blå och en orange med tre prickar i.",
        "caption": "Socialcheferna möts fyra gånger om året. (Illustration)",
    },
    {
        "title": "Rapport: kostnaderna i kommunal hälso- och sjukvård",
        "topic": "kommunal-halso-och-sjukvard",
        "contact": "analytiker",
        "lead": (
            "Kommunernas kostnader för hälso- och sjukvård har ökat med en fjärdedel på fem år, visar en ny "
            "rapport. Mest har hemsjukvården vuxit."
        ),
        "body": """
<p>Rapporten jämför kommunernas redovisade kostnader 2020–2025. Ökningen förklaras främst av att fler
patienter vårdas i hemmet och att insatserna blivit mer avancerade, till exempel intravenös behandling
och palliativ vård.</p>
<p>Kostnaderna varierar mycket mellan kommunerna, även när man tar hänsyn till befolkningens ålder.
Rapporten föreslår därför en gemensam modell för att redovisa kostnaderna, så att jämförelserna blir
rättvisande.</p>
""",
        "picture": "monster",
        "decorative": True,
        "caption": "",
    },
    {
        "title": "Seminarium om egenvård och förebyggande arbete",
        "topic": "nara-vard",
        "contact": "analytiker",
        "lead": (
            "Hur kan kommunerna hjälpa fler äldre att ta hand om sin egen hälsa? Välkommen till ett "
            "halvdagsseminarium i Borås den 4 december."
        ),
        "body": """
<p>Seminariet vänder sig till chefer och medarbetare i äldreomsorgen och hemsjukvården. Forskare från
Högskolan i Borås berättar om studier av fallprevention och fysisk aktivitet, och två kommuner visar hur
de arbetar med hälsosamtal för 75-åringar.</p>
<p>Egenvård är den mest nära vården av alla. Den som får stöd att klara sin egen hälsa behöver ofta
mindre hjälp senare. Anmälan görs senast den 20 november; seminariet är avgiftsfritt.</p>
""",
        "picture": "kalender",
        "alt": "Tecknad bild: ett kalenderblad för en månad där en dag är inringad med rött.",
        "caption": "Seminariet hålls den 4 december. (Illustration)",
    },
    {
        "title": "Samverkan kring utskrivning från sjukhus förbättras",
        "topic": "kommunal-halso-och-sjukvard",
        "contact": "analytiker",
        "lead": (
            "Patienter som är utskrivningsklara kommer hem snabbare. Den genomsnittliga väntan på sjukhus har "
            "halverats sedan den nya rutinen infördes."
        ),
        "body": """
<p>Med den nya rutinen planeras hemgången redan när patienten läggs in, och kommunens sjuksköterska
träffar patienten på sjukhuset före utskrivningen. Det minskar risken att något glöms, till exempel
läkemedel eller hjälpmedel.</p>
<p>I genomsnitt stannar en utskrivningsklar patient nu kvar 1,4 dagar på sjukhuset, jämfört med 2,9
dagar för två år sedan. Målet är att ingen ska behöva vänta när den medicinska vården är klar.</p>
""",
        "picture": "sjukhus",
        "alt": (
            "Tecknad bild: ett sjukhus med ett rött kors på fasaden till vänster, ett litet hus till höger "
            "och en väg som går mellan dem."
        ),
        "caption": "Hemgången planeras redan när patienten läggs in. (Illustration)",
    },
    {
        "title": "Välfärdsteknik prövas i tolv kommuner",
        "topic": "digitalisering",
        "contact": "digitalisering",
        "lead": (
            "Digital tillsyn på natten, påminnelser om läkemedel och videosamtal med hemtjänsten prövas nu i "
            "tolv kommuner under ett år."
        ),
        "body": """
<p>Försöket ska visa vilka tekniska lösningar som gör mest nytta för de äldre och för personalen.
Kommunerna delar på kostnaden för utvärderingen och på erfarenheterna, så att inte varje kommun behöver
göra samma försök själv.</p>
<p>Den som deltar väljer själv vilka tjänster hen vill använda. Alla lösningar går att kombinera med
vanliga besök, och den som vill avbryta kan göra det när som helst.</p>
""",
        "picture": "mobil",
        "alt": "Tecknad bild: en mobiltelefon vars skärm visar sex appikoner och en stor röd larmknapp.",
        "caption": "Tjänsterna prövas under ett år. (Illustration)",
    },
    {
        "title": "VästKoms styrelse beslutar om verksamhetsplan",
        "topic": "om-vastkom",
        "contact": "direktor",
        "lead": (
            "Nära vård, kompetensförsörjning och digitalisering är de tre prioriterade områdena i VästKoms "
            "verksamhetsplan för nästa år."
        ),
        "body": """
<p>Styrelsen fattade beslutet vid sitt möte den 9 oktober. Verksamhetsplanen bygger på dialoger med de
fyra kommunalförbunden under våren, där kommunerna fick prioritera bland de regionala frågorna.</p>
<p>Planen innebär bland annat att VästKom ska samordna kommunernas införande av det gemensamma
journalsystemet och ta fram en regional plan för kompetensförsörjning i välfärden.</p>
""",
        "picture": "motesbord",
        "alt": "Tecknad bild: ett mötesbord sett uppifrån med åtta tomma stolar, papper och vattenglas.",
        "caption": "Styrelsen sammanträder sex gånger om året. (Illustration)",
    },
    {
        "title": "Ungdomsmottagningar får gemensam modell",
        "topic": "barn-och-unga",
        "contact": "direktor",
        "lead": (
            "Alla ungdomsmottagningar i länet ska erbjuda samma grunduppdrag, oavsett vilken kommun den unga bor i."
        ),
        "body": """
<p>Ungdomsmottagningarna drivs i dag på olika sätt: av kommunen, av regionen eller gemensamt.
Öppettider och vilka yrkesgrupper som finns varierar, och det har gjort det svårt för unga att veta vad
de kan få hjälp med.</p>
<p>Den nya modellen bestämmer vad varje mottagning minst ska erbjuda, till exempel samtal med kurator,
preventivmedelsrådgivning och möjlighet att boka tid digitalt. Kommunerna och regionen delar
kostnaderna efter antalet unga i kommunen.</p>
""",
    },
    {
        "title": "Kompetenslyft för undersköterskor i Västra Götaland",
        "topic": "vardens-medarbetare",
        "contact": "kompetens",
        "lead": (
            "Fyrahundra undersköterskor får under nästa år gå en specialistutbildning på betald arbetstid, "
            "med statliga medel som kommunerna söker gemensamt."
        ),
        "body": """
<p>Utbildningen ges av yrkeshögskolor i länet och har inriktning mot demens, psykiatri eller
palliativ vård. Den omfattar en termin på halvfart och avslutas med ett arbete på den egna
arbetsplatsen.</p>
<p>Genom att söka medlen tillsammans kan även små kommuner skicka medarbetare till utbildningen.
Kommunerna räknar med att kompetenslyftet också gör det lättare att behålla erfarna undersköterskor.</p>
""",
    },
    {
        "title": "Regionala utvecklingsstrategin på remiss",
        "topic": "regional-utveckling",
        "contact": "direktor",
        "lead": (
            "Förslaget till ny regional utvecklingsstrategi för Västra Götaland är ute på remiss. "
            "Kommunerna har till den 31 mars på sig att svara."
        ),
        "body": """
<p>Strategin pekar ut riktningen för länets utveckling fram till 2040. Förslaget lyfter särskilt
klimatomställningen, kompetensförsörjningen och skillnaderna i livsvillkor mellan olika delar av länet.</p>
<p>VästKom samordnar ett gemensamt kommunalt yttrande. Kommunerna kan också svara var för sig, men ett
gemensamt svar väger tyngre i regionens fortsatta arbete.</p>
""",
    },
    {
        "title": "Läkemedelsgenomgångar i hemsjukvården",
        "topic": "kommunal-halso-och-sjukvard",
        "contact": "analytiker",
        "lead": (
            "Äldre som får hemsjukvård ska få sina läkemedel genomgångna minst en gång om året. Kommunerna och "
            "vårdcentralerna har enats om hur det ska gå till."
        ),
        "body": """
<p>Många äldre använder tio eller fler läkemedel, och risken för biverkningar och felaktig
användning ökar med antalet. En läkemedelsgenomgång görs av läkaren tillsammans med kommunens
sjuksköterska och, när det behövs, en farmaceut.</p>
<p>Den nya rutinen gör det tydligt vem som kallar till genomgången och hur resultatet dokumenteras.
Erfarenheter från de kommuner som redan arbetar så visar färre fallolyckor och färre akuta
sjukhusbesök.</p>
""",
        "picture": "dosett",
        "alt": "Tecknad bild: en dosett med sju fack, ett för varje veckodag, med några tabletter i.",
        "caption": "Många äldre tar tio läkemedel eller fler. (Illustration)",
    },
    {
        "title": "Nytt nätverk för medicinskt ansvariga",
        "topic": "kommunal-halso-och-sjukvard",
        "contact": "analytiker",
        "lead": (
            "Medicinskt ansvariga sjuksköterskor och fysioterapeuter i länet får ett gemensamt nätverk, med "
            "träffar varannan månad."
        ),
        "body": """
<p>De medicinskt ansvariga har ett särskilt ansvar för patientsäkerheten i den kommunala vården. Många
är ensamma i sin roll i kommunen och har efterfrågat ett sammanhang där de kan dela erfarenheter.</p>
<p>Nätverket ska också ge råd till VästKom i frågor om regionala riktlinjer och avtal, så att
patientsäkerheten finns med från början när nya överenskommelser tas fram.</p>
""",
    },
    {
        "title": "E-tjänster för äldre utvärderade",
        "topic": "digitalisering",
        "contact": "digitalisering",
        "lead": (
            "Att ansöka om hemtjänst digitalt sparar tid för både den äldre och handläggaren, visar en "
            "utvärdering från fem kommuner. Men tjänsterna måste vara enklare."
        ),
        "body": """
<p>Utvärderingen bygger på intervjuer med användare och handläggare och på statistik över hur
tjänsterna används. Ungefär var femte ansökan om hemtjänst görs nu digitalt, ofta av en anhörig.</p>
<p>Flera användare tyckte att formulären var för långa och att det var svårt att logga in. Kommunerna
ska därför ta fram gemensamma krav på enkelhet och tillgänglighet inför nästa upphandling.</p>
""",
    },
    {
        "title": "Samordnad individuell plan i fokus",
        "topic": "social-valfard",
        "contact": "direktor",
        "lead": (
            "Fler invånare med behov av både vård och stöd ska få en samordnad individuell plan, SIP. En "
            "regional kampanj riktar sig nu till medarbetare."
        ),
        "body": """
<p>En SIP upprättas när en person behöver insatser från både kommunen och regionen. Planen visar vem
som gör vad och vem som håller ihop arbetet, och den görs tillsammans med personen själv.</p>
<p>Trots att det är lagstadgat görs färre planer än det finns behov av. Kampanjen består av korta
utbildningsfilmer, en checklista och träffar där medarbetare från olika verksamheter övar tillsammans.</p>
""",
    },
    {
        "title": "Konferens om psykisk hälsa i november",
        "topic": "social-valfard",
        "contact": "kommunikator",
        "lead": (
            "Psykisk hälsa hos äldre är temat för årets regionala konferens, som hålls i Skövde den 19 "
            "november. Programmet är nu klart."
        ),
        "body": """
<p>Ensamhet och depression är vanligt bland äldre men upptäcks ofta sent. På konferensen berättar
forskare, medarbetare och äldre själva om vad som hjälper, från samtalsstöd till träffpunkter och
sociala aktiviteter.</p>
<p>Konferensen vänder sig till medarbetare och chefer i kommunernas äldreomsorg och socialtjänst och
i regionens primärvård och psykiatri. Föreläsningarna filmas och publiceras efteråt.</p>
""",
    },
    {
        "title": "Webbinarium om nära vård för politiker",
        "topic": "nara-vard",
        "contact": "kommunikator",
        "lead": (
            "Vad betyder nära vård för kommunens budget och verksamhet? Ett webbinarium för förtroendevalda "
            "ger en översikt på en timme."
        ),
        "body": """
<p>Webbinariet riktar sig till ledamöter i kommunernas socialnämnder och kommunstyrelser. Det tar upp
vad omställningen innebär för kommunernas ansvar, vilka beslut som behöver fattas lokalt och hur
utvecklingen kan följas upp.</p>
<p>Efter genomgången finns tid för frågor. Webbinariet spelas in, så att den som inte kan delta kan se
det i efterhand.</p>
""",
    },
    {
        "title": "Gemensam upphandling av trygghetslarm",
        "topic": "digitalisering",
        "contact": "digitalisering",
        "lead": (
            "Trettio kommuner går samman i en upphandling av digitala trygghetslarm och larmmottagning. Det "
            "ger bättre villkor och samma kvalitet i hela länet."
        ),
        "body": """
<p>Trygghetslarmet är för många äldre den viktigaste tekniken i hemmet. När larmet går ska det
snabbt nå någon som kan hjälpa, och tekniken måste fungera även när mobilnätet är svagt.</p>
<p>Kommunerna har tillsammans ställt krav på svarstider, reservkraft och tillgänglighet. Avtalet
börjar gälla under hösten, och kommunerna kan ansluta sig när deras nuvarande avtal löper ut.</p>
""",
    },
    {
        "title": "Årsrapport 2025 om länets samverkan",
        "topic": "om-vastkom",
        "contact": "kommunikator",
        "lead": (
            "Årsrapporten för 2025 beskriver vad kommunernas samverkan i VästKom har lett till: nya "
            "överenskommelser, gemensamma utbildningar och ett starkare kommunalt perspektiv i regionen."
        ),
        "body": """
<p>Under året antogs fyra regionala överenskommelser mellan kommunerna och regionen, bland annat om
barn och unga och om utskrivning från sluten vård. Över 3 000 medarbetare deltog i utbildningar som
VästKom ordnade.</p>
<p>Rapporten beskriver också vad som inte nått hela vägen, som informationsöverföringen mellan
kommuner och vårdcentraler. Den finns att läsa på webbplatsen och skickas till alla kommunstyrelser.</p>
""",
        "picture": "monster",
        "decorative": True,
        "caption": "",
    },
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
    """The two dozen ordinary articles that fill the archive (three pages), every ninth day back."""
    start = when(2026, 11, 6, 9, 0)
    for i, data in enumerate(NEWS):
        yield {
            "picture": None,
            "decorative": False,
            "alt": "",
            "caption": "",
            **data,
            "body": data["body"].strip(),
            "publish_at": start - dt.timedelta(days=9 * i),
        }
