"""Post an admin form the way a browser would: every field as the page rendered it."""

from django.forms import FileField, MultiWidget


def admin_form_data(response, **changes):
    """The POST data of the admin form in ``response``, with ``changes`` applied."""
    form = response.context["adminform"].form
    data = {}
    for bound in form:
        if isinstance(bound.field, FileField):
            continue
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, MultiWidget):
            names = [bound.html_name]
            if bound.field.show_hidden_initial:
                # Fields with a callable default also post their initial value, as a browser does.
                names.append(bound.html_initial_name)
            for name in names:
                for i, part in enumerate(widget.decompress(value)):
                    data[f"{name}_{i}"] = "" if part is None else str(part)
        elif value is None:
            continue
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = str(value)
            if bound.field.show_hidden_initial:
                data[bound.html_initial_name] = str(value)
    token = response.context.get("edit_token")
    if token:
        # What the form was opened from (vastkom/core/history/concurrency.py), a hidden input.
        data[token["name"]] = token["value"]
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        elif value is True:
            data[name] = "on"
        else:
            data[name] = value
    return data
