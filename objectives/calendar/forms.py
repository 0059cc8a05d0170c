"""Planeación's forms on the calendar: a window's dates, a reopening."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from objectives.calendar.schedule import add_working_days

REOPEN_WORKING_DAYS = 5  # a reopening lasts a working week unless Planeación says otherwise


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )


def _reason(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class WindowForm(forms.Form):
    opens_on = _date_field(_("Abre el"), _("Desde este día se puede reportar el corte."))
    due_on = _date_field(_("Vence el"), _("Último día para reportar a tiempo."))
    locks_on = _date_field(_("Se bloquea el"), _("Desde este día ya no se puede reportar."))
    reason = _reason(_("Motivo del cambio"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self) -> dict:
        data = super().clean()
        opens, due, locks = (data.get(name) for name in ("opens_on", "due_on", "locks_on"))
        if opens and due and locks and not opens <= due < locks:
            raise ValidationError(
                _(
                    "Las fechas deben ir en orden: abre el mismo día del vencimiento o antes, y "
                    "se bloquea después del vencimiento."
                )
            )
        return data


class ReopeningForm(forms.Form):
    dependency = forms.ChoiceField(
        label=_("Para la dependencia"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    indicator = forms.ModelChoiceField(
        label=_("O para el indicador"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    until = _date_field(_("Hasta el"), _("Último día en que se podrá reportar."))
    reason = _reason(_("Motivo de la reapertura"))

    def __init__(self, *args, dependencies: list[str], indicators, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dependency"].choices = [("", "—")] + [(d, d) for d in dependencies]
        self.fields["indicator"].queryset = indicators
        self.fields["indicator"].label_from_instance = lambda i: str(i)[:120]
        self.fields["until"].initial = add_working_days(today, REOPEN_WORKING_DAYS)

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("dependency")) == bool(data.get("indicator")):
            raise ValidationError(_("Elija una dependencia o un indicador, no los dos."))
        return data
