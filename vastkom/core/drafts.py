"""Pending changes to live items: what editors have saved but the public does not see yet.

The interface the preview links and the publish flow share. Until pending drafts of live
items are stored, an item's working copy is the item itself.
"""


def working_copy(obj):
    """``obj`` as its editors last left it (pending changes applied, unsaved)."""
    return obj


def has_pending_changes(obj) -> bool:
    """Whether editors have saved changes to ``obj`` that the public does not see yet."""
    return False
