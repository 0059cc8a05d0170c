"""The reprogramming form: the new targets, one field per vigencia, and the act."""

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators import limits
from indicators.choices import ActKind
from objectives.reporting.forms import ColombianDecimalField
from objectives.reprogramming.services import Act, Targets


class ReprogrammingForm(forms.Form):
    """``years`` are the plan's vigencias; ``closed`` those whose programming is official
    (shown, not editable)."""

    baseline = ColombianDecimalField(
        label=_("Línea base"), required=False, bounds=limits.SIGNED_MAGNITUDE
    )
    stated_total = ColombianDecimalField(label=_("Programación total"), required=False)
    reason = forms.CharField(
        label=_("Motivo de la reprogramación"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.NOTE,
    )
    act_kind = forms.ChoiceField(label=_("Acto que la adopta"), choices=ActKind.choices)
    act_number = forms.CharField(label=_("Número del acto"), max_length=60)
    act_date = forms.DateField(
        label=_("Fecha del acto"), widget=forms.DateInput(attrs={"type": "date"})
    )
    act_file = forms.FileField(label=_("Archivo del acto (opcional)"), required=False)
    effective_date = forms.DateField(
        label=_("Rige desde"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, years: list[int], closed: set[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        programming = {
            f"p{year}": ColombianDecimalField(
                label=_("Programación %(year)s") % {"year": year},
                required=False,
                disabled=year in closed,
                help_text=_("Vigencia cerrada: no se reprograma.") if year in closed else "",
            )
            for year in years
        }
        self.fields = programming | self.fields

    def targets(self) -> Targets:
        data = self.cleaned_data
        programming = {y: data[f"p{y}"] for y in self.years if data.get(f"p{y}") is not None}
        return Targets(programming, data.get("baseline"), data.get("stated_total"))

    def act(self) -> Act:
        data = self.cleaned_data
        return Act(data["act_kind"], data["act_number"], data["act_date"], data.get("act_file"))


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Nota (obligatoria para rechazar)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.NOTE,
    )
