"""What each button of the editor's form does to an item: the editorial states, not an engine.

The form offers buttons instead of a status field and a date: "Spara utkast", "Klar för
granskning", "Publicera nu", "Schemalägg", "Avpublicera" and "Skicka tillbaka". ``decide``
turns the button pressed, the item and the editor's rights into an ``Intent``: what will
happen, whether it goes to the item or to its pending draft (``drafts.py``), and whether the
editor may do it at all. ``apply_to_item`` then sets the item's publishing fields, and
``success_message`` says in Swedish what happened and when.

The rule for live content: an item whose status is "Publicerad" (live, scheduled, or ended)
is changed directly only by someone with the ``publish`` permission who publishes,
schedules or unpublishes it (or saves it as it is). Everything else, a Skribent's save and
anyone's "Spara utkast", goes to the item's pending draft and the public keeps the live
version.
"""

from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vastkom.core.drafts import DraftState
from vastkom.core.publishing import Status


class Action(models.TextChoices):
    SAVE = "save", gettext_lazy("Spara")
    DRAFT = "draft", gettext_lazy("Spara utkast")
    REVIEW = "review", gettext_lazy("Klar för granskning")
    PUBLISH = "publish", gettext_lazy("Publicera nu")
    SCHEDULE = "schedule", gettext_lazy("Schemalägg")
    UNPUBLISH = "unpublish", gettext_lazy("Avpublicera")
    SEND_BACK = "send_back", gettext_lazy("Skicka tillbaka")


# The submit buttons' names (``<input type="submit" name="_publish">``).
BUTTONS = {
    "_draft": Action.DRAFT,
    "_review": Action.REVIEW,
    "_publish": Action.PUBLISH,
    "_schedule": Action.SCHEDULE,
    "_unpublish": Action.UNPUBLISH,
    "_send_back": Action.SEND_BACK,
}
BUTTON_NAMES = {action: name for name, action in BUTTONS.items()}
# What only someone with the publish permission may do.
PUBLISHER_ACTIONS = frozenset({Action.PUBLISH, Action.SCHEDULE, Action.UNPUBLISH, Action.SEND_BACK})

REFUSED_MESSAGE = gettext_lazy(
    "Du har inte behörighet att publicera, schemalägga eller avpublicera. "
    "Spara ändringarna och välj ”Klar för granskning”, så publicerar en publicerare dem."
)


def requested_action(post, obj=None) -> str:
    """The button pressed; an old-style ``status`` field is read as the button it meant."""
    for name, action in BUTTONS.items():
        if name in post:
            return action
    status = post.get("status")
    if status == Status.PUBLISHED:
        return Action.PUBLISH
    if status == Status.REVIEW:
        return Action.REVIEW
    if status == Status.DRAFT:
        return Action.UNPUBLISH if is_approved(obj) else Action.DRAFT
    return Action.SAVE


def is_approved(obj) -> bool:
    """Whether a publisher has put the item before the public (live, scheduled or ended)."""
    return obj is not None and obj.pk is not None and obj.status == Status.PUBLISHED


@dataclass(frozen=True)
class Intent:
    """What a save through the editor's form will do."""

    action: str
    pending: bool = False  # the values go to the item's pending draft; the item is not saved
    refused: bool = False  # the editor may not do this: the form refuses it and nothing changes
    approved: bool = False  # the item was published (live, scheduled or ended) before this save
    in_review: bool = False  # the item, or its pending draft, is "Klar för granskning"

    @property
    def goes_public(self) -> bool:
        """Whether the save puts the item before the public, now or at ``publish_at``."""
        if self.refused or self.pending:
            return False
        return self.action in {Action.PUBLISH, Action.SCHEDULE} or (self.action == Action.SAVE and self.approved)


def decide(*, action: str, obj, can_publish: bool, pending_state: str | None = None) -> Intent:
    """``pending_state``: the state of the item's pending draft, ``None`` when it has none."""
    approved = is_approved(obj)
    has_pending = pending_state is not None
    in_review = (approved and pending_state == DraftState.REVIEW) or (
        not approved and obj is not None and obj.status == Status.REVIEW
    )
    refused = action in PUBLISHER_ACTIONS and not can_publish
    if action in {Action.DRAFT, Action.REVIEW}:
        pending = approved
    elif action == Action.SAVE:
        pending = approved and not can_publish
    elif action == Action.SEND_BACK:
        pending = approved and has_pending
    else:
        pending = False
    return Intent(action=action, pending=pending, refused=refused, approved=approved, in_review=in_review)


def apply_to_item(obj, intent: Intent, *, publish_at_chosen: bool, comment: str = "") -> None:
    """Set the item's publishing fields for a save that goes to the item itself."""
    now = timezone.now()
    action = intent.action
    if action == Action.PUBLISH:
        went_live_before = obj.published_at is not None and obj.published_at <= now
        backdated = publish_at_chosen and obj.publish_at <= now
        if obj.publish_at > now or not (went_live_before or backdated):
            obj.publish_at = now
        if obj.unpublish_at is not None and obj.unpublish_at <= now:
            obj.unpublish_at = None
        obj.status = Status.PUBLISHED
        obj.review_comment = ""
    elif action == Action.SCHEDULE:
        obj.status = Status.PUBLISHED
        obj.review_comment = ""
    elif action == Action.UNPUBLISH:
        obj.status = Status.DRAFT
        if obj.published_at is not None and obj.published_at > now:
            obj.published_at = None  # a cancelled schedule: it never went live
    elif action == Action.DRAFT:
        if not intent.approved:
            obj.status = Status.DRAFT
    elif action == Action.REVIEW:
        obj.status = Status.REVIEW
        obj.review_comment = ""
    elif action == Action.SEND_BACK:
        obj.status = Status.DRAFT
        obj.review_comment = comment


def format_when(value) -> str:
    """A moment as Swedish editors write it: "1 februari 2027 08:00"."""
    return formats.date_format(timezone.localtime(value), "j F Y H:i")


def success_message(obj, intent: Intent, *, was_scheduled: bool = False) -> str:
    title = str(obj)
    action = intent.action
    if intent.pending:
        if action == Action.REVIEW:
            return _(
                "Ändringarna i ”%(title)s” är klara för granskning. Webbplatsen visar den publicerade "
                "versionen tills en publicerare har publicerat dem."
            ) % {"title": title}
        if action == Action.SEND_BACK:
            return _("Ändringarna i ”%(title)s” är skickade tillbaka till skribenten med din kommentar.") % {
                "title": title
            }
        return _(
            "Ändringarna i ”%(title)s” är sparade som utkast. Webbplatsen visar fortfarande den publicerade versionen."
        ) % {"title": title}
    if action == Action.PUBLISH or (action == Action.SAVE and intent.approved and obj.publish_at <= timezone.now()):
        return _("Publicerad: ”%(title)s” visas på webbplatsen sedan %(when)s.") % {
            "title": title,
            "when": format_when(obj.publish_at),
        }
    if action in {Action.SCHEDULE, Action.SAVE} and obj.status == Status.PUBLISHED:
        return _("Schemalagd till %(when)s: ”%(title)s” publiceras då av sig själv.") % {
            "title": title,
            "when": format_when(obj.publish_at),
        }
    if action == Action.UNPUBLISH:
        if was_scheduled:
            return _("Schemaläggningen är avbruten: ”%(title)s” är ett utkast igen.") % {"title": title}
        return _("Avpublicerad: ”%(title)s” visas inte längre på webbplatsen.") % {"title": title}
    if action == Action.REVIEW:
        return _("”%(title)s” är klar för granskning. En publicerare granskar och publicerar.") % {"title": title}
    if action == Action.SEND_BACK:
        return _("”%(title)s” är skickad tillbaka till skribenten med din kommentar.") % {"title": title}
    if obj.status == Status.REVIEW:
        return _("”%(title)s” är sparad och fortfarande klar för granskning.") % {"title": title}
    return _("Utkastet ”%(title)s” är sparat. Det visas inte på webbplatsen.") % {"title": title}


@dataclass(frozen=True)
class Button:
    name: str
    label: str
    primary: bool = False


def buttons_for(obj, *, can_publish: bool, pending_state: str | None) -> list[Button]:
    """The buttons the form offers for the item in its state, to this editor."""

    def button(action, primary=False, label=None):
        return Button(BUTTON_NAMES[action], str(label or action.label), primary)

    approved = is_approved(obj)
    in_review = decide(action=Action.SAVE, obj=obj, can_publish=can_publish, pending_state=pending_state).in_review
    if not can_publish:
        return [button(Action.DRAFT), button(Action.REVIEW, primary=True)]
    now = timezone.now()
    if not approved:
        buttons = [button(Action.DRAFT), button(Action.SCHEDULE), button(Action.PUBLISH, primary=True)]
    elif obj.publish_at > now:  # scheduled
        buttons = [
            button(Action.DRAFT),
            button(Action.SCHEDULE),
            button(Action.PUBLISH, primary=True),
            button(Action.UNPUBLISH, label=gettext_lazy("Avbryt schemaläggningen")),
        ]
    else:  # live, or ended by its unpublish time
        buttons = [button(Action.DRAFT), button(Action.PUBLISH, primary=True), button(Action.UNPUBLISH)]
    if in_review:
        buttons.append(button(Action.SEND_BACK))
    return buttons
