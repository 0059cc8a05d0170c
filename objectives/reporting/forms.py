"""Forms of the quarterly cycle. Numbers are typed in Colombian style (1.234,5) or plain."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indicators import limits
from indicators.choices import Annualization, Corte
from indicators.formatting import NumberError, file_size, number, parse_number
from indicators.models import Evidence
from indicators.transitions import JUSTIFICATION_HELP, Action
from objectives.forms import inline_helper
from objectives.reporting.services import UNCONFIRMED

# Read when the form is shown, so the text follows the setting.
EVIDENCE_LIMIT = lazy(lambda: file_size(settings.EVIDENCE_MAX_BYTES), str)()


class ColombianDecimalField(forms.Field):
    """Every number typed in a form: 1.234,5 · 1234.5 · 89,35 %, read by the one parser
    (``indicators.formatting.parse_number``) within ``bounds``; shows the value as 1.234,5."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *, bounds: tuple[Decimal, Decimal] = limits.MAGNITUDE, **kwargs) -> None:
        self.bounds = bounds
        super().__init__(**kwargs)

    def to_python(self, value) -> Decimal | None:
        if value in (None, ""):
            return None
        if isinstance(value, Decimal):
            return value
        try:
            parsed, _percent = parse_number(str(value), self.bounds)
        except NumberError as error:
            raise ValidationError(str(error), code="invalid") from None
        return parsed

    def prepare_value(self, value):
        return number(value) if isinstance(value, Decimal) else value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    executed = ColombianDecimalField(
        label=_("Magnitud ejecutada en la vigencia hasta el corte"),
        help_text=_("Acumulada dentro del año, en la unidad del indicador."),
    )
    achievements = forms.CharField(
        label=_("Logros"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=limits.LONG_TEXT,
    )
    delays = forms.CharField(
        label=_("Retrasos y soluciones"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=limits.LONG_TEXT,
    )
    justification = forms.CharField(
        label=_("Justificación de la sobre-ejecución"),
        help_text=JUSTIFICATION_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=limits.LONG_TEXT,
    )
    files = MultipleFileField(
        label=_("Evidencias (archivos)"),
        required=False,
        help_text=format_lazy(
            _("PDF, imágenes o documentos de oficina; hasta {limit} cada uno."),
            limit=EVIDENCE_LIMIT,
        ),
    )
    links = forms.CharField(
        label=_("Evidencias (enlaces)"),
        help_text=_("Un enlace por línea."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=limits.LONG_TEXT,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicator is not None:
            self.fields["executed"].help_text = format_lazy(
                _("Acumulada dentro del año, en la unidad del indicador: {unit}."),
                unit=indicator.get_unit_display(),
            )

    def clean_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        longest = Evidence._meta.get_field("link").max_length
        for link in links:
            if len(link) > longest:
                raise ValidationError(
                    _("Un enlace tiene como máximo %(limit)s caracteres: acorte «%(link)s…»."),
                    params={"limit": longest, "link": link[:40]},
                )
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(
                    _("«%(link)s» no es un enlace válido (debe empezar por https://)."),
                    params={"link": link},
                ) from None
        return links


# A step form of the report page by kind: its note's label and help.
STEP_TEXTS = {
    "retirar": (
        _("Nota (opcional): por qué retira el envío"),
        _("El reporte vuelve a borrador y usted puede editarlo y enviarlo de nuevo."),
    ),
    "revisar": (
        _("Nota de revisión"),
        _("Obligatoria para devolver; opcional al aprobar. Queda en el historial."),
    ),
    "devolver": (
        _("Qué debe corregirse"),
        _(
            "Obligatoria: el reporte aprobado vuelve a quien lo reportó y deja de contar hasta "
            "que se apruebe otra vez."
        ),
    ),
}


class StepForm(forms.Form):
    """A step of the report's way (send, withdraw, approve, return) and its note, which the
    history keeps as the reason."""

    note = forms.CharField(
        label=_("Nota"),
        help_text=_(
            "Obligatoria para devolver; en los demás pasos es opcional. Queda en el historial."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=limits.NOTE,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if kind:
            self.fields["note"].label, self.fields["note"].help_text = STEP_TEXTS[kind]


def step_forms(actions: frozenset[Action], report) -> dict[str, StepForm]:
    """The step forms a read-only report page shows, as the state machine allows: withdraw
    (its sender) and review (approve and return, or return an approved one)."""
    kinds = []
    if Action.WITHDRAW in actions:
        kinds.append("retirar")
    if Action.APPROVE in actions:
        kinds.append("revisar")
    elif Action.RETURN in actions:
        kinds.append("devolver")
    return {
        kind: StepForm(initial={"version": report.version}, auto_id=f"paso-{kind}-%s", kind=kind)
        for kind in kinds
    }


class AnnualizationForm(forms.Form):
    annualization = forms.ChoiceField(label=_("Anualización"), choices=Annualization.choices)
    reason = forms.CharField(
        label=_("Motivo"),
        help_text=_("De dónde sale: la ficha técnica del indicador, el acta, la dependencia…"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CortePickerForm(forms.Form):
    """A vigencia and a corte: the report to open, or the corte Pendientes shows."""

    vigencia = forms.TypedChoiceField(label=_("Vigencia"), coerce=int)
    corte = forms.TypedChoiceField(label=_("Corte"), choices=Corte.choices, coerce=int)
    plan = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, years, form_id: str, submit: str, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vigencia"].choices = [(year, year) for year in years]
        self.helper = inline_helper(
            ["vigencia", "corte"], action=action, form_id=form_id, submit=submit
        )


class ProgrammingForm(forms.Form):
    value = ColombianDecimalField(label=_("Magnitud programada"))
    reason = forms.CharField(
        label=_("Motivo del cambio"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.NOTE,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class WeightForm(forms.Form):
    value = ColombianDecimalField(label=_("Ponderación (%)"), bounds=limits.WEIGHT)
    from_year = forms.IntegerField(
        label=_("Desde la vigencia"),
        required=False,
        help_text=_(
            "La ponderación rige desde esta vigencia. Vacío: la primera vigencia abierta; "
            "las cerradas conservan la suya."
        ),
    )
    reason = forms.CharField(
        label=_("Motivo del cambio"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.NOTE,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    # What the person must confirm before the weight is saved (a total that is not 100 %, a
    # weight of 0): the page shows it with «Guardar de todos modos», not as an error.
    confirmation = ""

    def add_error(self, field, error) -> None:
        if isinstance(error, ValidationError) and getattr(error, "code", None) == UNCONFIRMED:
            self.confirmation = " ".join(error.messages)
            return
        super().add_error(field, error)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo de la reapertura"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.NOTE,
    )
