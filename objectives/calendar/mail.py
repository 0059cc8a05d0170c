"""A reminder as an e-mail (Spanish, plain text and HTML, from templates/objectives/emails/)
and as the lines ``send_reminders --dry-run`` prints."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indicators.formatting import long_date
from objectives.calendar.models import ReportingWindow
from objectives.calendar.reminders import Item, Message
from objectives.calendar.windows import corte_text
from objectives.choices import ReminderKind

TEMPLATES = {
    ReminderKind.ESCALAMIENTO: "objectives/emails/escalation",
    ReminderKind.RESUMEN: "objectives/emails/summary",
}
REMINDER_TEMPLATE = "objectives/emails/reminder"


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str


def report_link(item: Item) -> str:
    path = reverse(
        "objectives:report_edit", args=[item.indicator.pk, item.window.year, item.window.corte]
    )
    return f"{settings.SITE_URL}{path}"


def item_label(item: Item) -> str:
    indicator = item.indicator
    return f"{indicator.code} · {indicator.name}" if indicator.code else indicator.name


def item_status(item: Item) -> str:
    if item.report is None:
        return _("sin reporte")
    if item.returned:
        return _("devuelto: %(note)s") % {"note": item.report.review_note}
    return _("borrador sin enviar")


def window_heading(window: ReportingWindow) -> str:
    return _("Corte al %(corte)s · %(plan)s · vence el %(due)s") % {
        "corte": corte_text(window.year, window.corte),
        "plan": window.plan.name,
        "due": long_date(window.due_on),
    }


def subject(message: Message) -> str:
    window = (message.items or message.summaries)[0].window
    params = {
        "corte": corte_text(window.year, window.corte),
        "due": long_date(window.due_on),
        "count": len(message.items),
        "dependency": message.items[0].indicator.dependency if message.items else "",
    }
    texts = {
        ReminderKind.APERTURA: _("PEP: se abrió el reporte del corte al %(corte)s"),
        ReminderKind.ANTES: _("PEP: su reporte del corte al %(corte)s vence el %(due)s"),
        ReminderKind.VENCE: _("PEP: su reporte del corte al %(corte)s vence hoy"),
        ReminderKind.VENCIDO: _("PEP: su reporte del corte al %(corte)s está vencido"),
        ReminderKind.ESCALAMIENTO: _("PEP: reportes vencidos de %(dependency)s"),
        ReminderKind.RESUMEN: _("PEP: resumen semanal del corte al %(corte)s"),
    }
    counted = ngettext(" (%(count)s indicador)", " (%(count)s indicadores)", len(message.items))
    suffix = counted % params if message.items else ""
    return texts[message.kind] % params + suffix


def summary_line(line) -> str:
    return _(
        "%(dependency)s: %(missing)s sin reporte, %(returned)s devueltos, %(waiting)s por "
        "revisar, %(approved)s aprobados"
    ) % (vars(line) | {"dependency": line.dependency or _("Sin dependencia asignada")})


def _groups(message: Message) -> list[dict]:
    groups: dict[int, dict] = {}
    for item in message.items:
        group = groups.setdefault(
            item.window.pk, {"heading": window_heading(item.window), "items": []}
        )
        group["items"].append(
            {"label": item_label(item), "status": item_status(item), "link": report_link(item)}
        )
    return list(groups.values())


def render(message: Message) -> Email:
    """The message in Spanish, whatever language the run had active."""
    with translation.override(settings.LANGUAGE_CODE):
        ctx = {
            "name": message.name,
            "kind": message.kind,
            "intro": ReminderKind(message.kind).label,
            "groups": _groups(message),
            "summaries": [
                {
                    "heading": window_heading(s.window),
                    "lines": [(line, summary_line(line)) for line in s.lines],
                }
                for s in message.summaries
            ],
            "summary_heads": [
                _("Dependencia"),
                _("Sin reporte"),
                _("Devueltos"),
                _("Por revisar"),
                _("Aprobados"),
            ],
            "my_work": f"{settings.SITE_URL}{reverse('objectives:my_work')}",
            "pending": f"{settings.SITE_URL}{reverse('objectives:pending')}",
        }
        template = TEMPLATES.get(message.kind, REMINDER_TEMPLATE)
        return Email(
            subject(message),
            render_to_string(f"{template}.txt", ctx),
            render_to_string(f"{template}.html", ctx),
        )


def dry_run_lines(message: Message) -> list[str]:
    """Who would get what, as ``send_reminders --dry-run`` prints it."""
    to = f"{message.name} <{message.email}>" if message.email else message.name
    if not message.email:
        to += " " + _("(sin correo: solo el aviso en Mi trabajo)")
    lines = [f"{to} · {ReminderKind(message.kind).label}"]
    lines += [
        f"    {corte_text(i.window.year, i.window.corte)} · {item_label(i)}: {item_status(i)}"
        for i in message.items
    ]
    for summary in message.summaries:
        lines.append(f"    {window_heading(summary.window)}")
        lines += [f"      {summary_line(line)}" for line in summary.lines]
    return lines
