"""Admin mixins that put a form mixin in front of whatever form the admin builds."""


def form_with(mixin, form):
    """``form`` with ``mixin`` in front (``form`` itself when it has it already), keeping its name."""
    if issubclass(form, mixin):
        return form
    return type(form.__name__, (mixin, form), {"__module__": form.__module__})
