"""Accessible form rendering: labels, hints and errors tied to their fields.

``{% form_errors form %}`` is the error summary at the top of a form (links to each field;
``{% form_errors form "There is a problem with your answers" %}`` changes its title);
``{% form_field field %}`` renders one field with its label, hint and errors, the widget
carrying ``aria-describedby`` and ``aria-invalid`` so screen readers announce them.
"""

from django import forms, template

register = template.Library()


def _is_group(field):
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


def _widget_id(field):
    # A group of checkboxes or radios is reached through its first option.
    if _is_group(field):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.inclusion_tag("people/includes/form_errors.html")
def form_errors(form, title=""):
    items = []
    for error in form.non_field_errors():
        items.append({"message": error, "href": None})
    for field in form:
        if field.is_hidden:
            continue
        for error in field.errors:
            items.append({"message": error, "href": f"#{_widget_id(field)}", "label": field.label})
    hidden_errors = [e for field in form.hidden_fields() for e in field.errors]
    items.extend({"message": error, "href": None} for error in hidden_errors)
    return {"items": items, "title": title}


@register.inclusion_tag("people/includes/form_field.html")
def form_field(field):
    widget = field.field.widget
    described_by = []
    hint_id = f"{field.auto_id}-hint"
    error_id = f"{field.auto_id}-error"
    if field.help_text:
        described_by.append(hint_id)
    if field.errors:
        described_by.append(error_id)
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    is_checkbox = isinstance(widget, forms.CheckboxInput)
    is_group = _is_group(field)
    return {
        "field": field,
        "widget_html": field.as_widget(attrs=attrs),
        "hint_id": hint_id,
        "error_id": error_id,
        "is_checkbox": is_checkbox,
        "is_group": is_group,
    }
