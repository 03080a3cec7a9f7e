"""The image and document libraries in the admin (registered by ``CoreConfig.ready``).

Uploads here take the same guarded paths as the editor's (``vastkom.core.library``): the
form checks the file and shows the Swedish reason next to the field; the service writes it.
"""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from vastkom.core.admin_a11y import AdminA11yMixin
from vastkom.core.documents import prepare_document, title_from_name
from vastkom.core.imagefiles import prepare_image
from vastkom.core.library import document_create, document_replace, image_asset_create
from vastkom.core.models import Document, ImageAsset


class ImageAssetForm(forms.ModelForm):
    class Meta:
        model = ImageAsset
        fields = ("file", "alt_text", "caption", "credit")
        # A plain file field: prepare_image alone decides, with the editor's messages.
        field_classes = {"file": forms.FileField}
        help_texts = {
            "file": _(
                "JPEG, PNG, GIF eller WebP, högst 10 MB och 25 megapixlar. Platsuppgifter (EXIF) tas bort "
                "och bilden sparas med ett nytt, kort filnamn."
            )
        }

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and not getattr(uploaded, "_committed", False):
            prepare_image(uploaded)  # the Swedish reason, next to the field
        return uploaded


class AltTextFilter(admin.SimpleListFilter):
    title = _("alternativtext")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("saknas", _("Saknas")), ("finns", _("Finns"))]

    def queryset(self, request, queryset):
        if self.value() == "saknas":
            return queryset.filter(alt_text="")
        if self.value() == "finns":
            return queryset.exclude(alt_text="")
        return queryset


@admin.register(ImageAsset)
class ImageAssetAdmin(AdminA11yMixin, admin.ModelAdmin):
    form = ImageAssetForm
    list_display = ("thumbnail", "__str__", "original_name", "credit", "uploaded_by", "uploaded_at")
    list_display_links = ("__str__",)
    list_filter = (AltTextFilter, "uploaded_at")
    list_select_related = ("uploaded_by",)
    search_fields = ("alt_text", "caption", "credit", "original_name")
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    readonly_fields = ("preview", "original_name", "size_text", "uploaded_by", "uploaded_at")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("file", "alt_text", "caption", "credit")
        return ("preview", "alt_text", "caption", "credit", "original_name", "size_text", "uploaded_by", "uploaded_at")

    @admin.display(description=_("bild"))
    def thumbnail(self, obj):
        thumb = obj.thumbnail
        if not thumb:
            return "–"
        # The row's text names the image; the thumbnail adds nothing for a screen reader.
        return format_html(
            '<img src="{}" width="80" height="{}" alt="">', thumb["url"], round(thumb["height"] * 80 / thumb["width"])
        )

    @admin.display(description=_("förhandsvisning"))
    def preview(self, obj):
        sizes = (obj.renditions or {}).get("sizes") or []
        if not sizes:
            return "–"
        shown = sizes[min(1, len(sizes) - 1)]
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" style="max-width:100%;height:auto">',
            shown["url"],
            shown["width"],
            shown["height"],
            obj.alt_text or _("Bilden saknar alternativtext"),
        )

    @admin.display(description=_("storlek"))
    def size_text(self, obj):
        return f"{obj.width} × {obj.height} px" if obj.width else "–"

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        image_asset_create(uploaded_file=form.cleaned_data["file"], user=request.user, asset=obj)


class DocumentForm(forms.ModelForm):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Dokumentets namn som läsaren ser, t.ex. ”Årsredovisning 2025”. Tomt: filnamnet."),
    )

    class Meta:
        model = Document
        fields = ("title", "file")
        labels = {"file": _("Fil")}
        help_texts = {
            "file": _(
                "PDF, Word (.docx), Excel (.xlsx) eller PowerPoint (.pptx), högst 20 MB. Filer med makron och "
                "äldre Office-format (.doc, .xls, .ppt) tas inte emot. En ny fil ersätter den gamla och "
                "adressen är densamma."
            )
        }

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and not getattr(uploaded, "_committed", False):
            prepare_document(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title") or "").strip():
            uploaded = cleaned.get("file")
            cleaned["title"] = self.instance.title or title_from_name(getattr(uploaded, "name", "") or "")
        return cleaned


@admin.register(Document)
class DocumentAdmin(AdminA11yMixin, admin.ModelAdmin):
    form = DocumentForm
    list_display = ("title", "type_and_size", "public_address", "original_name", "uploaded_at", "replaced_at")
    list_filter = ("file_type",)
    search_fields = ("title", "original_name")
    list_per_page = 50
    readonly_fields = ("public_address", "type_and_size", "original_name", "uploaded_by", "uploaded_at", "replaced_at")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("file", "title")
        return ("title", "file", "public_address", "type_and_size", "original_name", "uploaded_by", "uploaded_at",
                "replaced_at")  # fmt: skip

    @admin.display(description=_("typ och storlek"))
    def type_and_size(self, obj):
        return obj.type_and_size if obj.file_type else "–"

    @admin.display(description=_("adress"))
    def public_address(self, obj):
        if not obj.pk:
            return "–"
        url = obj.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    def save_model(self, request, obj, form, change):
        uploaded = form.cleaned_data.get("file")
        new_file = "file" in form.changed_data and uploaded and not getattr(uploaded, "_committed", False)
        if not change:
            document_create(uploaded_file=uploaded, user=request.user, document=obj)
        elif new_file:
            document_replace(document=obj, uploaded_file=uploaded, user=request.user)
        else:
            obj.save()
