"""The kernel's models, each defined beside the mechanism it serves."""

from vastkom.core.drafts import PendingDraft

__all__ = ["PendingDraft"]
