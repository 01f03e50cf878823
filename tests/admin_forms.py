"""Post an admin change form as a person would: every field as the page shows it, some changed."""

from django import forms


def _widget(bound):
    widget = bound.field.widget
    return getattr(widget, "widget", widget)  # the admin's RelatedFieldWidgetWrapper


def _add(data, form):
    for bound in form:
        widget, value = _widget(bound), bound.value()
        if isinstance(widget, forms.FileInput) or value is None:
            continue
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, (list, tuple)) else widget.decompress(value)
            for index, (sub, part) in enumerate(zip(widget.widgets, parts)):
                data[f"{bound.html_name}_{index}"] = sub.format_value(part) or ""
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(widget, forms.Select):
            data[bound.html_name] = str(value)
        else:
            formatted = widget.format_value(value)
            data[bound.html_name] = "" if formatted is None else str(formatted)


def admin_form_data(response, **changes):
    """The POST data of the admin add/change page in `response`, with `changes` applied."""
    data = {}
    _add(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        _add(data, inline.formset.management_form)
        for form in inline.formset.forms:
            _add(data, form)
    data.update(changes)
    return data
