"""The demo's pictures: simple scenes drawn with Pillow, each recording what it drew.

A demo picture's alt text must describe what the picture shows. Every scene draws through
``Canvas``, whose helpers add what they draw to ``canvas.drawn`` ("person", "house", "bus",
...), so a test can hold each alt text against what is really in the picture
(``tests/vastkom/test_demo_content.py``).

``draw(scene)`` returns the JPEG bytes, the size and what was drawn. Pictures are 1200x675
(16:9), enough for every rendition width the site makes.
"""

import math
from dataclasses import dataclass, field
from io import BytesIO

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675

# The site's palette and a few calm companions.
SEA = (0, 79, 113)
SEA_DARK = (0, 54, 77)
SKY = (214, 233, 241)
SUN = (224, 138, 0)
SAND = (244, 236, 220)
GRASS = (120, 165, 110)
WHITE = (255, 255, 255)
GREY = (120, 128, 134)
LIGHT_GREY = (226, 231, 234)
INK = (40, 44, 48)
RED = (190, 30, 45)
WOOD = (176, 128, 84)
BRICK = (178, 94, 70)
YELLOW = (252, 200, 74)
SKIN = [(241, 194, 160), (198, 134, 94), (141, 85, 54)]
CLOTHES = [(0, 79, 113), (138, 75, 0), (90, 40, 110), (26, 107, 47)]


@dataclass
class Canvas:
    image: Image.Image
    drawn: set[str] = field(default_factory=set)

    @property
    def d(self) -> ImageDraw.ImageDraw:
        return ImageDraw.Draw(self.image)

    def background(self, sky=SKY, ground=None, horizon=470):
        self.d.rectangle((0, 0, WIDTH, horizon if ground else HEIGHT), fill=sky)
        if ground:
            self.d.rectangle((0, horizon, WIDTH, HEIGHT), fill=ground)

    def person(self, x, y, scale=1.0, skin=0, clothes=0):
        """A standing person seen from the front: head, shoulders, body (feet at y)."""
        s = scale
        d = self.d
        d.rounded_rectangle((x - 38 * s, y - 150 * s, x + 38 * s, y), radius=int(30 * s), fill=CLOTHES[clothes % 4])
        d.ellipse((x - 26 * s, y - 212 * s, x + 26 * s, y - 160 * s), fill=SKIN[skin % 3])
        self.drawn.add("person")

    def house(self, x, y, w=260, h=190, wall=SAND, roof=BRICK, lit=True):
        d = self.d
        d.rectangle((x, y - h, x + w, y), fill=wall, outline=INK, width=3)
        d.polygon([(x - 20, y - h), (x + w / 2, y - h - 110), (x + w + 20, y - h)], fill=roof)
        for wx in (x + 30, x + w - 90):
            d.rectangle((wx, y - h + 40, wx + 60, y - h + 100), fill=YELLOW if lit else SKY, outline=INK, width=3)
        d.rectangle((x + w / 2 - 30, y - 100, x + w / 2 + 30, y), fill=SEA_DARK)
        self.drawn.add("house")

    def car(self, x, y, cross=False):
        d = self.d
        d.rounded_rectangle((x, y - 90, x + 260, y - 25), radius=18, fill=WHITE, outline=INK, width=3)
        d.rounded_rectangle((x + 50, y - 140, x + 200, y - 85), radius=16, fill=WHITE, outline=INK, width=3)
        d.rectangle((x + 65, y - 128, x + 185, y - 92), fill=SKY)
        for wx in (x + 55, x + 205):
            d.ellipse((wx - 28, y - 55, wx + 28, y + 1), fill=INK)
        if cross:
            d.rectangle((x + 115, y - 80, x + 145, y - 35), fill=RED)
            d.rectangle((x + 107, y - 72, x + 153, y - 43), fill=RED)
        self.drawn.add("car")

    def tree(self, x, y):
        d = self.d
        d.rectangle((x - 10, y - 80, x + 10, y), fill=WOOD)
        d.ellipse((x - 60, y - 190, x + 60, y - 60), fill=GRASS)
        self.drawn.add("tree")

    def chart(self, x, y, w, h, values, colour=SEA):
        d = self.d
        d.line((x, y, x, y - h), fill=INK, width=4)
        d.line((x, y, x + w, y), fill=INK, width=4)
        gap = w / len(values)
        for i, v in enumerate(values):
            left = x + i * gap + gap * 0.2
            d.rectangle((left, y - h * v, left + gap * 0.6, y - 2), fill=colour)
        self.drawn.add("chart")

    def screen(self, x, y, w, h):
        self.d.rectangle((x, y, x + w, y + h), fill=WHITE, outline=GREY, width=6)
        self.drawn.add("screen")

    def text_lines(self, x, y, w, n, step=28, colour=GREY):
        for i in range(n):
            length = w if i % 4 != 3 else w * 0.6
            self.d.rounded_rectangle((x, y + i * step, x + length, y + i * step + 10), radius=5, fill=colour)


def conference(c: Canvas):
    """The seed article: three speakers on a stage before a screen with a bar chart."""
    c.background(sky=(60, 66, 80), ground=(92, 70, 60), horizon=520)
    c.screen(330, 60, 540, 300)
    c.chart(390, 330, 420, 220, [0.35, 0.55, 0.7, 0.9])
    c.d.rectangle((0, 500, WIDTH, 540), fill=(70, 52, 44))
    c.drawn.add("stage")
    for i, x in enumerate((250, 600, 950)):
        c.person(x, 600, scale=1.25, skin=i, clothes=i)
    c.d.polygon([(700, 600), (720, 480), (800, 480), (820, 600)], fill=WOOD)
    c.drawn.add("lectern")


def home_care(c: Canvas):
    """A house with lit windows and a car with a red cross parked outside."""
    c.background(ground=GRASS, horizon=520)
    c.d.rectangle((0, 560, WIDTH, 640), fill=LIGHT_GREY)
    c.drawn.add("road")
    c.house(160, 520)
    c.tree(560, 520)
    c.car(720, 630, cross=True)


def learning_platform(c: Canvas):
    """An open laptop on a desk; its screen shows a video player and a progress bar."""
    c.background(sky=SAND, ground=WOOD, horizon=500)
    d = c.d
    d.rounded_rectangle((300, 90, 900, 460), radius=16, fill=INK)
    d.rectangle((330, 120, 870, 430), fill=SKY)
    d.polygon([(560, 210), (560, 330), (660, 270)], fill=SEA)
    d.rounded_rectangle((370, 390, 830, 404), radius=7, fill=WHITE)
    d.rounded_rectangle((370, 390, 560, 404), radius=7, fill=SUN)
    d.polygon([(240, 500), (960, 500), (1010, 560), (190, 560)], fill=GREY)
    c.drawn.add("laptop")
    d.rounded_rectangle((1020, 420, 1100, 520), radius=12, fill=WHITE, outline=INK, width=3)
    c.drawn.add("cup")


def agreement(c: Canvas):
    """A document with lines of text, a signature and a pen lying across it."""
    c.background(sky=SEA_DARK)
    d = c.d
    d.rectangle((380, 40, 820, 640), fill=WHITE)
    c.text_lines(430, 110, 340, 12)
    points = [(440 + i * 14, 560 + 18 * math.sin(i / 1.6)) for i in range(18)]
    d.line(points, fill=SEA, width=5)
    c.drawn.add("document")
    d.polygon([(780, 600), (1050, 330), (1075, 355), (805, 625)], fill=SUN)
    d.polygon([(780, 600), (805, 625), (765, 640)], fill=INK)
    c.drawn.add("pen")


def key_figures(c: Canvas):
    """A bar chart of five rising bars with a line above them."""
    c.background(sky=WHITE)
    c.chart(220, 590, 760, 480, [0.3, 0.42, 0.5, 0.68, 0.82])
    c.d.line([(290, 400), (440, 350), (590, 300), (740, 220), (890, 160)], fill=SUN, width=8)


def region_map(c: Canvas):
    """A simplified map: land beside the sea, a large lake and dots spread over the land."""
    c.background(sky=SEA)
    d = c.d
    d.polygon(
        [(260, 40), (700, 20), (1100, 80), (1160, 400), (1000, 650), (520, 660), (330, 560), (220, 330)], fill=SAND
    )
    d.ellipse((610, 60, 900, 270), fill=SEA)
    c.drawn.update({"map", "lake", "sea"})
    for i in range(49):
        x = 300 + (i * 137) % 780
        y = 300 + (i * 89) % 320
        d.ellipse((x - 9, y - 9, x + 9, y + 9), fill=SUN if i % 7 else SEA_DARK)
    c.drawn.add("dots")


def bus(c: Canvas):
    """A bus on a road in front of a row of town buildings."""
    c.background(ground=LIGHT_GREY, horizon=470)
    d = c.d
    for i, (x, h) in enumerate(((40, 260), (220, 330), (400, 220), (620, 360), (850, 280), (1030, 320))):
        d.rectangle((x, 470 - h, x + 160, 470), fill=(BRICK, SAND, SEA_DARK)[i % 3])
    c.drawn.add("buildings")
    d.rounded_rectangle((200, 380, 980, 600), radius=30, fill=SEA)
    for wx in range(240, 900, 110):
        d.rectangle((wx, 410, wx + 90, 480), fill=SKY)
    for wx in (330, 840):
        d.ellipse((wx - 45, 560, wx + 45, 650), fill=INK)
    c.drawn.add("bus")


def meeting_table(c: Canvas):
    """A meeting table seen from above: eight chairs, papers and water glasses, nobody seated."""
    c.background(sky=LIGHT_GREY)
    d = c.d
    d.rounded_rectangle((250, 200, 950, 475), radius=40, fill=WOOD)
    for x in (330, 500, 670, 840):
        for y, paper in ((120, 230), (480, 370)):
            d.rounded_rectangle((x - 50, y, x + 50, y + 75), radius=14, fill=GREY)
            d.rectangle((x - 40, paper, x + 30, paper + 60), fill=WHITE)
            d.ellipse((x + 40, paper + 10, x + 62, paper + 32), fill=SKY, outline=INK, width=2)
    c.drawn.update({"table", "chairs", "papers"})


def school(c: Canvas):
    """A school building with a clock and a flag, and a tree beside it."""
    c.background(ground=GRASS, horizon=540)
    d = c.d
    d.rectangle((250, 220, 850, 540), fill=BRICK)
    for x in range(290, 820, 110):
        for y in (270, 380):
            d.rectangle((x, y, x + 70, y + 70), fill=SKY, outline=WHITE, width=4)
    d.rectangle((500, 440, 600, 540), fill=SEA_DARK)
    d.ellipse((520, 150, 580, 210), fill=WHITE, outline=INK, width=3)
    d.line((550, 180, 550, 160), fill=INK, width=3)
    d.line((550, 180, 565, 185), fill=INK, width=3)
    c.drawn.update({"building", "clock"})
    d.line((950, 540, 950, 200), fill=GREY, width=6)
    d.rectangle((950, 200, 1060, 265), fill=SEA)
    d.rectangle((950, 222, 1060, 242), fill=YELLOW)
    d.rectangle((983, 200, 1003, 265), fill=YELLOW)
    c.drawn.add("flag")
    c.tree(140, 540)


def pill_organiser(c: Canvas):
    """A weekly pill organiser with seven compartments, a few tablets in them."""
    c.background(sky=SKY)
    d = c.d
    d.rounded_rectangle((120, 220, 1080, 480), radius=30, fill=WHITE, outline=GREY, width=6)
    for i in range(7):
        x = 150 + i * 132
        d.rounded_rectangle((x, 250, x + 112, 450), radius=16, fill=LIGHT_GREY)
        for j in range(i % 3 + 1):
            d.ellipse((x + 20 + j * 28, 380 - j * 30, x + 52 + j * 28, 412 - j * 30), fill=(SUN, SEA, WHITE)[j])
    c.drawn.update({"pill organiser", "tablets"})


def phone_app(c: Canvas):
    """A smartphone whose screen shows app icons and a large round alarm button."""
    c.background(sky=SAND)
    d = c.d
    d.rounded_rectangle((450, 40, 750, 640), radius=40, fill=INK)
    d.rectangle((475, 100, 725, 580), fill=WHITE)
    for i in range(6):
        x, y = 500 + (i % 3) * 75, 130 + (i // 3) * 75
        d.rounded_rectangle((x, y, x + 55, y + 55), radius=12, fill=(SEA, SUN, GRASS)[i % 3])
    d.ellipse((530, 330, 670, 470), fill=RED)
    d.ellipse((570, 370, 630, 430), fill=WHITE)
    c.drawn.update({"phone", "app icons", "alarm button"})


def calendar(c: Canvas):
    """A calendar page for a month with one day circled."""
    c.background(sky=SEA_DARK)
    d = c.d
    d.rectangle((300, 60, 900, 620), fill=WHITE)
    d.rectangle((300, 60, 900, 160), fill=SUN)
    for row in range(5):
        for col in range(7):
            x, y = 330 + col * 80, 190 + row * 80
            d.rectangle((x, y, x + 60, y + 60), fill=LIGHT_GREY)
    d.ellipse((560, 320, 660, 420), outline=RED, width=8)
    c.drawn.update({"calendar"})


def speech_bubbles(c: Canvas):
    """Two speech bubbles facing each other, one with three dots."""
    c.background(sky=SKY)
    d = c.d
    d.rounded_rectangle((140, 120, 620, 400), radius=60, fill=SEA)
    d.polygon([(260, 390), (240, 500), (360, 395)], fill=SEA)
    d.rounded_rectangle((580, 260, 1060, 540), radius=60, fill=SUN)
    d.polygon([(940, 530), (960, 640), (840, 535)], fill=SUN)
    for x in (730, 820, 910):
        d.ellipse((x - 22, 378, x + 22, 422), fill=WHITE)
    c.drawn.add("speech bubbles")


def hospital_and_home(c: Canvas):
    """A hospital with a red cross on one side, a small house on the other, a road between."""
    c.background(ground=GRASS, horizon=540)
    d = c.d
    d.rectangle((80, 150, 480, 540), fill=WHITE, outline=INK, width=3)
    for x in range(110, 460, 90):
        for y in range(250, 480, 90):
            d.rectangle((x, y, x + 55, y + 55), fill=SKY)
    d.rectangle((255, 165, 305, 235), fill=RED)
    d.rectangle((245, 175, 315, 225), fill=RED)
    c.drawn.update({"hospital"})
    d.polygon([(480, 540), (820, 540), (900, 675), (400, 675)], fill=LIGHT_GREY)
    c.drawn.add("road")
    c.house(830, 540, w=240, h=170)


def pattern(c: Canvas):
    """Decorative: soft waves in the site's colours (the picture carries no information)."""
    c.background(sky=SEA)
    d = c.d
    for i, colour in enumerate((SEA_DARK, (20, 110, 150), SKY, SAND)):
        y0 = 250 + i * 110
        points = [(x, y0 + 40 * math.sin(x / 120 + i)) for x in range(0, WIDTH + 20, 20)]
        d.polygon([*points, (WIDTH, HEIGHT), (0, HEIGHT)], fill=colour)
    c.drawn.add("waves")


SCENES = {
    "konferens": conference,
    "hemsjukvard": home_care,
    "larplattform": learning_platform,
    "avtal": agreement,
    "nyckeltal": key_figures,
    "karta": region_map,
    "buss": bus,
    "motesbord": meeting_table,
    "skola": school,
    "dosett": pill_organiser,
    "mobil": phone_app,
    "kalender": calendar,
    "pratbubblor": speech_bubbles,
    "sjukhus": hospital_and_home,
    "monster": pattern,
}


@dataclass(frozen=True)
class Picture:
    jpeg: bytes
    width: int
    height: int
    drawn: frozenset[str]


def draw(scene: str) -> Picture:
    """Draw ``scene`` (a key of SCENES) and return the JPEG with its size and what it shows."""
    canvas = Canvas(Image.new("RGB", (WIDTH, HEIGHT), WHITE))
    SCENES[scene](canvas)
    buffer = BytesIO()
    canvas.image.save(buffer, "JPEG", quality=85)
    return Picture(buffer.getvalue(), WIDTH, HEIGHT, frozenset(canvas.drawn))
