"""Fill an empty database with the demo content; running it again changes nothing."""

from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.models import Article
from topics.models import ContactPerson, Topic
from vastkom.core.publishing import Status
from vastkom.core.slugs import swedish_slugify
from vastkom.site import demo_content as demo

DEMO_EDITOR = ("redaktor", demo.DEMO_ACCOUNTS["redaktor"])
EDITOR_GROUP = "Redaktörer"


def demo_image(colour, label_seed: int) -> ContentFile:
    """A 1600x900 JPEG with a calm pattern: enough to show renditions and srcset."""
    image = Image.new("RGB", (1600, 900), colour)
    draw = ImageDraw.Draw(image)
    light = tuple(min(255, c + 60) for c in colour)
    for i in range(6):
        x = 120 + ((label_seed * 97 + i * 260) % 1300)
        draw.ellipse((x, 260 + (i % 3) * 90, x + 220, 480 + (i % 3) * 90), fill=light)
    draw.rectangle((0, 780, 1600, 900), fill=tuple(max(0, c - 40) for c in colour))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue())


class Command(BaseCommand):
    help = "Lägger in demoinnehåll (nyheter, ämnessidor, kontaktpersoner). Kan köras flera gånger."

    def add_arguments(self, parser):
        parser.add_argument(
            "--editor",
            action="store_true",
            help="Skapa även ett lokalt demokonto för redaktörer (bara när DJANGO_DEBUG är på).",
        )

    @transaction.atomic
    def handle(self, *args, editor=False, **options):
        if editor and not settings.DEBUG:
            raise CommandError("Demokontot får bara skapas lokalt (DJANGO_DEBUG=1), aldrig i produktion.")
        created = 0
        started = timezone.now()
        contacts = {}
        for data in demo.CONTACTS:
            fields = {k: v for k, v in data.items() if k != "key"}
            contact, new = ContactPerson.objects.get_or_create(name=fields.pop("name"), defaults=fields)
            contacts[data["key"]] = contact
            created += new

        topics = {}
        new_topics = []
        for data in demo.TOPICS:
            topic, new = Topic.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    "title": data["title"],
                    "parent": topics.get(data["parent"]),
                    "show_in_menu": data["menu"],
                    "order": data["order"],
                    "intro": data["intro"],
                    "body": data["body"].strip(),
                    "status": Status.PUBLISHED,
                    "publish_at": demo.when(2025, 9, 1),
                },
            )
            topics[data["slug"]] = topic
            if new:
                new_topics.append((topic, data))
                created += 1
        for topic, data in new_topics:
            topic.contacts.set([contacts[k] for k in data["contacts"]])
            topic.related_topics.set([topics[s] for s in data["related"]])

        seed = demo.SEED_ARTICLE
        article, new = Article.objects.get_or_create(
            slug=seed["slug"],
            defaults={
                "title": seed["title"],
                "lead": seed["lead"],
                "body": seed["body"].strip(),
                "image_caption": seed["caption"],
                "image_alt": seed["alt"],
                "status": Status.PUBLISHED,
                "publish_at": seed["publish_at"],
            },
        )
        if new:
            created += 1
            article.image.save(f"{seed['slug']}.jpg", demo_image(seed["colour"], 1))
            article.topics.set([topics[s] for s in seed["topics"]])
            article.contacts.set([contacts[k] for k in seed["contacts"]])

        palette = [(0, 79, 113), (26, 107, 47), (138, 75, 0), (90, 40, 110)]
        for i, data in enumerate(demo.news_articles()):
            article, new = Article.objects.get_or_create(
                slug=swedish_slugify(data["title"]),
                defaults={
                    "title": data["title"],
                    "lead": data["lead"],
                    "body": data["body"],
                    "status": Status.PUBLISHED,
                    "publish_at": data["publish_at"],
                    "image_alt": "" if i % 4 else "Illustration med färgade cirklar.",
                    "image_decorative": False,
                },
            )
            if new:
                created += 1
                if i % 4 == 0:
                    article.image.save(f"{article.slug}.jpg", demo_image(palette[i % len(palette)], i))
                article.topics.set([topics[data["topic"]]])
                article.contacts.set([contacts["kommunikator"]])

        for data, status in ((demo.DRAFT_ARTICLE, Status.DRAFT), (demo.SCHEDULED_ARTICLE, Status.PUBLISHED)):
            _, new = Article.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    "title": data["title"],
                    "lead": data["lead"],
                    "body": "<p>Texten skrivs.</p>",
                    "status": status,
                    "publish_at": data.get("publish_at", demo.when(2026, 11, 20)),
                },
            )
            created += new

        if created:
            # Demo pages were written "when they were published", not today: no "Uppdaterad" today.
            for model in (Article, Topic):
                model.objects.filter(published_at__isnull=False, updated_at__gt=F("published_at")).filter(
                    created_at__gte=started
                ).update(updated_at=F("published_at"))
        self.stdout.write(self.style.SUCCESS(f"Demoinnehåll klart: {created} nya rader."))
        if editor:
            self.ensure_demo_editor()

    def ensure_demo_editor(self):
        group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
        if not group.permissions.exists():
            group.permissions.set(
                Permission.objects.filter(content_type__app_label__in=["articles", "topics", "subscriptions"])
                # The image and document libraries.
                | Permission.objects.filter(
                    content_type__app_label="core", content_type__model__in=["imageasset", "document"]
                )
            )
        username, password = DEMO_EDITOR
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(username=username, password=password, is_staff=True)
            user.groups.add(group)
        self.stdout.write(
            f"Redaktörer loggar in på http://127.0.0.1:8000/admin/ med användarnamn {username!r} "
            f"och lösenord {password!r} (bara i den lokala demon)."
        )
