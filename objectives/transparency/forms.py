from django import forms
from django.utils.translation import gettext_lazy as _


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo del retiro"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        max_length=1000,
        help_text=_("Queda en el historial del corte, con su usuario y la fecha."),
    )
