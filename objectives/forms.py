"""What the forms of every room share: crispy-forms layouts in the house style."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout


def inline_helper(
    fields, *, action: str = "", form_id: str, submit: str, extra: str = "", columns: str = ""
) -> FormHelper:
    """A GET form on one row (a filter bar, a picker): each field in its column, labels above,
    the button last; ``extra`` is markup after the button (a "quitar filtros" link)."""
    helper = FormHelper()
    helper.form_method = "get"
    helper.form_action = action
    helper.form_id = form_id
    helper.form_class = "row g-2 align-items-end d-print-none"
    helper.render_hidden_fields = True
    columns = columns or "col-6 col-md-auto"
    helper.layout = Layout(
        *(Div(name, css_class=columns) for name in fields),
        Div(
            StrictButton(submit, type="submit", css_class="btn-primary"),
            HTML(extra),
            css_class="col-12 col-md-auto mb-3",
        ),
    )
    return helper
