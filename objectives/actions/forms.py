"""The forms of improvement actions: open one, follow it up, close it."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from indicators import limits

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(forms.Form):
    cause = forms.CharField(
        label=_("Causa"),
        help_text=_("Por qué el indicador va atrasado (la del reporte, si la escribió)."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.LONG_TEXT,
    )
    action = forms.CharField(
        label=_("Acción de mejora"),
        help_text=_("Qué se va a hacer para ponerse al día."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.LONG_TEXT,
    )
    responsible = forms.ModelChoiceField(
        label=_("Persona responsable"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
    )
    dependency = forms.CharField(label=_("Dependencia"), max_length=200)
    starts_on = forms.DateField(label=_("Inicio"), widget=DATE)
    due_on = forms.DateField(label=_("Fecha límite"), widget=DATE)

    def clean(self):
        data = super().clean()
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", _("La fecha límite no puede ser anterior al inicio."))
        return data


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("Seguimiento"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.LONG_TEXT,
    )
    evidence = forms.FileField(label=_("Evidencia (archivo)"), required=False)
    link = forms.URLField(
        label=_("Enlace de evidencia"), required=False, max_length=500, assume_scheme="https"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Nota de cierre"),
        help_text=_("Qué se logró. La acción queda cumplida y sale de la lista de abiertas."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.LONG_TEXT,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
