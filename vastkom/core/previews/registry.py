"""Which detail view shows a previewed item: the apps register, the kernel looks up."""

_views: dict[type, type] = {}


def register(model, view_class) -> None:
    """``view_class`` (a ``PublishedObjectMixin`` detail view) renders previews of ``model``."""
    _views[model] = view_class


def view_for(model):
    return _views.get(model)


def is_previewable(model) -> bool:
    return model in _views
