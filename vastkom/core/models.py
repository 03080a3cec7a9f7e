"""The kernel's tables, each defined beside the mechanism that uses it."""

from vastkom.core.counters import SharedCounter
from vastkom.core.drafts import PendingDraft
from vastkom.core.previews.models import PreviewLink
from vastkom.core.redirects.models import Redirect
from vastkom.core.workers import WorkerHeartbeat

__all__ = ["PendingDraft", "PreviewLink", "Redirect", "SharedCounter", "WorkerHeartbeat"]
