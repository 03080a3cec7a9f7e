"""Fill an empty database with the demo content; running it again changes nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article
from topics.models import ContactPerson, Topic
from vastkom.core.publishing import Status
from vastkom.core.slugs import swedish_slugify
from vastkom.site import demo_content as demo
from vastkom.site import demo_pictures
from vastkom.site.roles import roles_sync


def attach_picture(article: Article, scene: str) -> None:
    """Give ``article`` the demo picture ``scene``, with its size recorded on the row.

    One file per scene (``demo/<scene>.jpg``), drawn only when storage does not have it yet:
    articles that share a scene, and a second load into a fresh database, reuse the file and
    its renditions.
    """
    storage = article.image.storage
    name = f"demo/{scene}.jpg"
    if not storage.exists(name):
        name = storage.save(name, ContentFile(demo_pictures.draw(scene).jpeg))
    article.image.name = name
    # Recorded, so listing pages never open the file (a missing file cannot break them).
    article.image_width, article.image_height = demo_pictures.WIDTH, demo_pictures.HEIGHT
    article.save(minor_change=True)


class Command(BaseCommand):
    help = "Lägger in demoinnehåll (nyheter, ämnessidor, kontaktpersoner). Kan köras flera gånger."

    def add_arguments(self, parser):
        parser.add_argument(
            "--editor",
            action="store_true",
            help=(
                "Skapa även de lokala demokontona: redaktor (Publicerare) och skribent (Skribent); "
                "bara när DJANGO_DEBUG är på."
            ),
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
                "image_position": seed["position"],
                "status": Status.PUBLISHED,
                "publish_at": seed["publish_at"],
            },
        )
        if new:
            created += 1
            attach_picture(article, seed["picture"])
            article.topics.set([topics[s] for s in seed["topics"]])
            article.contacts.set([contacts[k] for k in seed["contacts"]])

        for data in demo.news_articles():
            article, new = Article.objects.get_or_create(
                slug=swedish_slugify(data["title"]),
                defaults={
                    "title": data["title"],
                    "lead": data["lead"],
                    "body": data["body"],
                    "status": Status.PUBLISHED,
                    "publish_at": data["publish_at"],
                    "image_alt": data["alt"],
                    "image_decorative": data["decorative"],
                    "image_caption": data["caption"],
                },
            )
            if new:
                created += 1
                if data["picture"]:
                    attach_picture(article, data["picture"])
                article.topics.set([topics[data["topic"]]])
                article.contacts.set([contacts[data["contact"]]])

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
        """The demo's two editors, one in each role; an account that exists is left as it is."""
        roles_sync()  # the migration made the groups; a flushed test database has lost them
        user_model = get_user_model()
        for username, password in demo.DEMO_ACCOUNTS.items():
            if user_model.objects.filter(username=username).exists():
                continue
            first_name, last_name = demo.DEMO_NAMES[username]
            user = user_model.objects.create_user(
                username=username,
                password=password,
                is_staff=True,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@example.se",
            )
            user.groups.add(Group.objects.get(name=demo.DEMO_ROLES[username]))
        accounts = ", ".join(
            f"{username!r} ({demo.DEMO_ROLES[username]}, lösenord {password!r})"
            for username, password in demo.DEMO_ACCOUNTS.items()
        )
        self.stdout.write(f"Redaktörer loggar in på /admin/ som {accounts} (bara i den lokala demon).")
