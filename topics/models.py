import re

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vastkom.core.controlchars import CleanTextMixin
from vastkom.core.editor.fields import RichTextField
from vastkom.core.images import RenditionsMixin
from vastkom.core.publishing import PublishableModel, PublishableQuerySet, publishing_constraints, publishing_indexes
from vastkom.core.quality import QualityCheckedModel
from vastkom.core.reviewdates import ReviewableModel
from vastkom.core.searchindex import SearchableMixin, SearchVectorIndex
from vastkom.core.slugs import slug_url, unique_slug


class ContactPersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class ContactPerson(CleanTextMixin, RenditionsMixin, models.Model):
    """A person readers may contact; shown as a card on topic pages and articles."""

    name = models.CharField(_("namn"), max_length=120)
    role = models.CharField(_("roll"), max_length=160, blank=True, help_text=_("T.ex. Analytiker och projektledare."))
    organisation = models.CharField(_("organisation"), max_length=160, blank=True, default="VästKom")
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(
        _("telefon"), max_length=40, blank=True, help_text=_("Som det ska visas, t.ex. 031-335 51 99.")
    )
    photo = models.ImageField(_("foto"), upload_to="contacts/", blank=True)
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Inaktiva kontaktpersoner visas inte på webbplatsen.")
    )

    objects = ContactPersonQuerySet.as_manager()

    RENDITION_FIELDS = {"photo": "photo_renditions"}
    RENDITION_WIDTHS = (120, 240)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    def published_pages(self) -> list:
        """Every page the public sees this person on: topic pages, then news (two queries)."""
        return [*self.topics.published().order_by("title"), *self.articles.published().order_by("-publish_at")]

    def clean(self):
        if self.phone and not re.fullmatch(r"[+\d][\d\s\-()]{4,}", self.phone.strip()):
            raise ValidationError(
                {"phone": ValidationError(_("Ange ett telefonnummer med siffror, t.ex. 031-335 51 99."), code="phone")}
            )

    @property
    def phone_uri(self) -> str:
        """The phone number as a ``tel:`` URI in international form (031-33 -> +4631...)."""
        # "+46 (0)31 ..." writes the trunk 0 in brackets: it is not dialled from abroad.
        digits = re.sub(r"[^\d+]", "", re.sub(r"\(0\)", "", self.phone or ""))
        if not digits:
            return ""
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        elif digits.startswith("0"):
            digits = "+46" + digits[1:]
        return f"tel:{digits}"


class Topic(CleanTextMixin, SearchableMixin, QualityCheckedModel, ReviewableModel, PublishableModel):
    """A topic page ("Nära vård"), in a tree of topic areas, with a review date and its owner."""

    title = models.CharField(_("rubrik"), max_length=200)
    slug = models.SlugField(
        _("webbadress"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Sista delen av sidans adress (/amnen/…/). Fylls i från rubriken."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnat ämne"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    intro = models.TextField(_("ingress"), blank=True, help_text=_("Kort sammanfattning överst på sidan."))
    body = RichTextField(_("brödtext"), blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0, help_text=_("Lägre tal visas först."))
    show_in_menu = models.BooleanField(_("visas i menyn"), default=False)
    related_topics = models.ManyToManyField(
        "self",
        verbose_name=_("mer om vår verksamhet"),
        symmetrical=False,
        blank=True,
        help_text=_("Relaterade ämnen som visas under rubriken ”Mer om vår verksamhet”."),
    )
    contacts = models.ManyToManyField(
        ContactPerson,
        verbose_name=_("kontaktpersoner"),
        blank=True,
        related_name="topics",
        help_text=_("Visas under rubriken ”Kontakt” på sidan. Bara aktiva kontaktpersoner visas."),
    )
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    SEARCH_FIELDS = (("title", "A", False), ("intro", "B", False), ("body", "C", True))
    QUALITY_RICH_FIELDS = ("body",)
    QUALITY_LEAD_FIELDS = ("intro",)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("ämnessida")
        verbose_name_plural = _("ämnessidor")
        permissions = [("publish_topic", _("Kan publicera, schemalägga och avpublicera ämnessidor"))]
        indexes = [
            *publishing_indexes("topic"),
            models.Index(fields=["show_in_menu", "order"], name="topic_menu_idx"),
            models.Index(fields=["review_by"], name="topic_review_by_idx"),
            SearchVectorIndex(fields=["search_vector"], name="topic_search_idx"),
        ]
        constraints = [
            *publishing_constraints("topic"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="topic_not_own_parent"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("topics:detail", self.slug)

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": ValidationError(_("Ett ämne kan inte ligga under sig självt."), code="cycle")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


def topic_ids_with_ancestors(topic_ids) -> set[int]:
    """``topic_ids`` and every topic above them: who follows "Kommunal hälso- och sjukvård"
    also wants the news tagged only "Nära vård". One query per level of the tree."""
    found = set(topic_ids)
    frontier = set(found)
    while frontier:
        parents = set(Topic.objects.filter(pk__in=frontier, parent__isnull=False).values_list("parent_id", flat=True))
        frontier = parents - found
        found |= frontier
    return found
