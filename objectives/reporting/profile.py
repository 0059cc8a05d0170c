"""Planeación's programming per corte (the quarterly profile of a vigencia: what is expected by
31 March, 30 June, 30 September and 31 December), edited with a reason that the audit history
keeps. A blank corte follows the linear rule (``indicators.expected``)."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import limits, roles
from indicators.choices import Corte
from indicators.models import CorteProgramming, Indicator
from objectives.locking import lock_plans_fed_by
from objectives.models import Closure, Plan
from objectives.reporting.forms import ColombianDecimalField

ONLY_REVIEWERS = gettext_lazy("Solo Planeación y los administradores cambian la programación.")


class ProfileForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motivo del cambio"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.NOTE,
    )

    def __init__(self, *args, unit_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for corte in reversed(Corte):
            field = ColombianDecimalField(label=corte.label, required=False, help_text=unit_label)
            self.fields = {f"c{corte.value}": field, **self.fields}

    def profile(self) -> dict[int, Decimal | None]:
        return {corte: self.cleaned_data[f"c{corte}"] for corte in Corte.values}


def profile_save(*, user, indicator: Indicator, year: int, values, reason: str) -> None:
    """Set the expected magnitude of each corte (None clears it), each change with ``reason``."""
    if not roles.can_review(user):
        raise PermissionDenied(ONLY_REVIEWERS)
    if not reason.strip():
        raise ValidationError({"reason": _("Escriba el motivo del cambio.")})
    with transaction.atomic():
        lock_plans_fed_by(indicator)
        if year in Closure.objects.closed().feeding(indicator).years():
            raise ValidationError(_("La vigencia %(year)s está cerrada.") % {"year": year})
        stored = {
            row.corte: row
            for row in CorteProgramming.objects.select_for_update().filter(
                indicator=indicator, year=year
            )
        }
        for corte, value in values.items():
            _write(stored.get(corte), indicator, year, corte, value, user, reason.strip())


def _write(row, indicator, year, corte, value, user, reason) -> None:
    if value is None:
        if row is not None:
            row._history_user, row._change_reason = user, reason
            row.delete()
        return
    if row is None:
        row = CorteProgramming(indicator=indicator, year=year, corte=corte, value=value)
    elif row.value == value:
        return
    row.value = value
    row._history_user, row._change_reason = user, reason
    row.full_clean()
    row.save()


@login_required
def profile_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    if not roles.can_review(request.user):
        raise PermissionDenied(ONLY_REVIEWERS)
    if not Plan.objects.fed_by(indicator).spanning(year).exists():
        raise Http404(_("Esa vigencia no es de ningún plan al que aporte el indicador."))
    rows = indicator.corte_programming.filter(year=year)
    initial = {f"c{row.corte}": row.value for row in rows}
    form = ProfileForm(
        request.POST or None, initial=initial, unit_label=indicator.get_unit_display()
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile_save(
                user=request.user, indicator=indicator, year=year, values=form.profile(),
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {None: error.messages}).items():
                form.add_error(field, errors)
        else:
            messages.success(request, _("Programación por corte guardada."))
            return redirect("objectives:indicator", indicator.pk)
    ctx = {"indicator": indicator, "year": year, "form": form}
    return render(request, "objectives/profile_form.html", ctx)
