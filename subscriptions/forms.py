from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from subscriptions.models import Frequency
from topics.models import Topic


class Follow(models.TextChoices):
    ALL = "alla", _("Alla nyheter")
    TOPICS = "amnen", _("Nyheter inom de ämnen jag väljer")


GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


class DescribedForm(forms.Form):
    """Ties each field to its help text and error message with ``aria-describedby``.

    The templates print help as ``<id>_hjalp`` and errors as ``<id>_fel``; radio and
    checkbox groups get the same ids on their ``<fieldset>`` (see ``group_describedby``).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe()

    def full_clean(self):
        super().full_clean()
        self._describe()

    def describedby(self, name: str) -> str:
        bound = self[name]
        ids = []
        if bound.help_text:
            ids.append(f"{bound.auto_id}_hjalp")
        if self._errors and name in self._errors:
            ids.append(f"{bound.auto_id}_fel")
        return " ".join(ids)

    @property
    def describedby_map(self) -> dict[str, str]:
        """For templates: ``{{ form.describedby_map.topics }}`` on a group's ``<fieldset>``."""
        return {name: self.describedby(name) for name in self.fields}

    def _describe(self):
        for name, field in self.fields.items():
            if isinstance(field.widget, GROUP_WIDGETS):
                continue
            field.widget.attrs.pop("aria-describedby", None)
            field.widget.attrs.pop("aria-invalid", None)
            if ids := self.describedby(name):
                field.widget.attrs["aria-describedby"] = ids
            if self._errors and name in self._errors:
                field.widget.attrs["aria-invalid"] = "true"


class ChoicesForm(DescribedForm):
    """What to follow and how often; shared by sign-up and the personal page."""

    follow = forms.ChoiceField(
        label=_("Vad vill du följa?"), choices=Follow.choices, initial=Follow.ALL, widget=forms.RadioSelect
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Ämnen"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Gäller när du valt ”Nyheter inom de ämnen jag väljer”. Väljer du ett område får du också "
            "nyheterna i dess underämnen."
        ),
    )
    frequency = forms.ChoiceField(
        label=_("Hur ofta vill du få e-post?"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.published().order_by("order", "title")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("follow") == Follow.TOPICS and not cleaned.get("topics"):
            self.add_error(
                "topics",
                ValidationError(_("Välj minst ett ämne, eller välj att följa alla nyheter."), code="no_topics"),
            )
        return cleaned

    def topic_tree(self) -> list[dict]:
        """The topic checkboxes as a tree, each sub-topic under its parent (one query).

        Each node is ``{"choice": <the checkbox>, "children": [nodes]}``; a topic whose parent
        is not offered (unpublished) stands at the top.
        """
        nodes = {}
        for choice in self["topics"]:
            topic = choice.data["value"].instance
            nodes[topic.pk] = {"choice": choice, "topic": topic, "children": []}
        roots, placed = [], set()

        def place(node, siblings):
            if node["topic"].pk in placed:
                return
            placed.add(node["topic"].pk)
            siblings.append(node)
            for child in nodes.values():
                if child["topic"].parent_id == node["topic"].pk:
                    place(child, node["children"])

        for node in nodes.values():
            if node["topic"].parent_id not in nodes:
                place(node, roots)
        for node in nodes.values():  # a cycle of parents (not allowed, but never lose a choice)
            place(node, roots)
        return roots

    @property
    def follows_all(self) -> bool:
        return self.cleaned_data["follow"] == Follow.ALL


def email_field() -> forms.EmailField:
    """The address field of the sign-up and lost-link forms, with Swedish errors."""
    return forms.EmailField(
        label=_("Din e-postadress"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv en giltig e-postadress, till exempel namn@example.se."),
        },
    )


class SubscribeForm(ChoicesForm):
    email = email_field()
    consent = forms.BooleanField(
        label=_("Jag har läst hur mina uppgifter används och vill prenumerera."),
        error_messages={"required": _("Du behöver godkänna hur vi använder dina uppgifter för att prenumerera.")},
    )
    # The honeypot: hidden from people, filled in by naive bots.
    website = forms.CharField(
        label=_("Lämna det här fältet tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["email", "follow", "topics", "frequency", "consent", "website"]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class EmailOnlyForm(DescribedForm):
    email = email_field()
