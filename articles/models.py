from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from topics.models import ContactPerson, Topic
from vastkom.core.controlchars import CleanTextMixin
from vastkom.core.editor.fields import RichTextField
from vastkom.core.images import ImageField, RenditionsMixin
from vastkom.core.publishing import PublishableModel, PublishableQuerySet, publishing_constraints, publishing_indexes
from vastkom.core.quality import QualityCheckedModel
from vastkom.core.searchindex import SearchableMixin, SearchVectorIndex
from vastkom.core.slugs import slug_url, unique_slug

# Addresses under /nyheter/ that are not articles.
RESERVED_SLUGS = frozenset({"rss"})


class ImagePosition(models.TextChoices):
    TOP = "top", _("Överst, under ingressen")
    END = "end", _("Sist, efter texten")


class Article(CleanTextMixin, SearchableMixin, RenditionsMixin, QualityCheckedModel, PublishableModel):
    """A news article ("nyhet")."""

    title = models.CharField(_("rubrik"), max_length=200)
    slug = models.SlugField(
        _("webbadress"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Sista delen av nyhetens adress (/nyheter/…/). Fylls i från rubriken."),
    )
    lead = models.TextField(_("ingress"), help_text=_("En eller två meningar som sammanfattar nyheten."))
    body = RichTextField(_("brödtext"), blank=True)
    image = ImageField(
        _("huvudbild"),
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("alternativtext"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv vad bilden visar för den som inte ser den."),
    )
    image_decorative = models.BooleanField(
        _("bilden är dekorativ"),
        default=False,
        help_text=_("Kryssa i om bilden inte tillför något innehåll; då behövs ingen alternativtext."),
    )
    image_caption = models.CharField(_("bildtext"), max_length=400, blank=True)
    image_position = models.CharField(
        _("bildens placering"),
        max_length=3,
        choices=ImagePosition.choices,
        default=ImagePosition.TOP,
        help_text=_("Överst som huvudbild, eller sist som en avslutande bild med bildtext."),
    )
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    topics = models.ManyToManyField(Topic, verbose_name=_("ämnen"), blank=True, related_name="articles")
    contacts = models.ManyToManyField(
        ContactPerson,
        verbose_name=_("kontaktpersoner"),
        blank=True,
        related_name="articles",
        help_text=_("Visas under rubriken ”Upplysningar” sist i nyheten. Bara aktiva kontaktpersoner visas."),
    )
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    RENDITION_FIELDS = {"image": "image_renditions"}
    QUALITY_RICH_FIELDS = ("body",)
    QUALITY_LEAD_FIELDS = ("lead",)
    SEARCH_FIELDS = (("title", "A", False), ("lead", "B", False), ("body", "C", True))

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("nyhet")
        verbose_name_plural = _("nyheter")
        permissions = [("publish_article", _("Kan publicera, schemalägga och avpublicera nyheter"))]
        indexes = [
            *publishing_indexes("article"),
            # The archive's and the feeds' order, with what the published() filter reads: a deep
            # archive page skips its earlier rows in the index alone (CappedPaginator).
            models.Index(fields=["-publish_at", "-id", "status", "unpublish_at"], name="article_listing_idx"),
            SearchVectorIndex(fields=["search_vector"], name="article_search_idx"),
        ]
        constraints = [
            *publishing_constraints("article"),
            models.CheckConstraint(
                condition=~Q(slug__in=sorted(RESERVED_SLUGS)),
                name="article_slug_not_reserved",
                violation_error_message=_("Webbadressen är reserverad för webbplatsen. Välj en annan."),
            ),
            models.CheckConstraint(
                condition=Q(image="") | Q(image_decorative=True) | ~Q(image_alt=""),
                name="article_image_alt_or_decorative",
                violation_error_message=_("Skriv en alternativtext eller markera bilden som dekorativ."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, reserved=RESERVED_SLUGS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)

    def clean(self):
        super().clean()
        if self.image and not self.image_decorative and not self.image_alt.strip():
            raise ValidationError(
                {
                    "image_alt": ValidationError(
                        _("Skriv en alternativtext eller markera bilden som dekorativ."), code="alt_required"
                    )
                }
            )

    @property
    def image_alt_text(self) -> str:
        return "" if self.image_decorative else self.image_alt
