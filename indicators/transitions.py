"""The report state machine and the over-execution rule, on plain values (no ORM).

A report goes borrador → enviado → aprobado, or back to devuelto with a note; a returned one is
edited and sent again, an approved one can be returned for a correction while its vigencia
is open, and the person who sent one can withdraw it to borrador before it is reviewed
(docs/user-guide.md walks a whole quarter). Who may act is a question for
``indicators.roles``: here it arrives as booleans. Every action stores its note, which the
history shows as the reason.
"""

from decimal import Decimal
from enum import StrEnum

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indicators.choices import ReportStatus
from indicators.formatting import percent


class Action(StrEnum):
    EDIT = "edit"
    SEND = "send"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    RETURN = "return"


# The statuses in which the person who reports may still change the report.
EDITABLE = frozenset({ReportStatus.BORRADOR, ReportStatus.DEVUELTO})

# Action → (statuses it applies to, status it leads to). Editing keeps the status.
TRANSITIONS: dict[Action, tuple[frozenset[str], str | None]] = {
    Action.EDIT: (EDITABLE, None),
    Action.SEND: (EDITABLE, ReportStatus.ENVIADO),
    Action.WITHDRAW: (frozenset({ReportStatus.ENVIADO}), ReportStatus.BORRADOR),
    Action.APPROVE: (frozenset({ReportStatus.ENVIADO}), ReportStatus.APROBADO),
    Action.RETURN: (
        frozenset({ReportStatus.ENVIADO, ReportStatus.APROBADO}),
        ReportStatus.DEVUELTO,
    ),
}
REPORTER_ACTIONS = frozenset({Action.EDIT, Action.SEND})
SENDER_ACTIONS = frozenset({Action.WITHDRAW})  # only whoever sent the report
REVIEWER_ACTIONS = frozenset({Action.APPROVE, Action.RETURN})
# Four eyes: what nobody may do to a report they sent or whose value they changed last, an
# administrator included; someone else reviews it.
FOUR_EYES = REVIEWER_ACTIONS
FOUR_EYES_TEXT = _(
    "Usted envió este reporte o cambió su valor: otra persona de Planeación o de Administración "
    "debe aprobarlo o devolverlo (principio de los cuatro ojos)."
)
# The actions that cannot be taken without a note (the others take an optional one).
NOTE_REQUIRED = frozenset({Action.RETURN})

# Progress (a ratio) above which a report must justify its over-execution.
OVER_EXECUTION = Decimal("1.25")
OVER_EXECUTION_TEXT = percent(OVER_EXECUTION * 100, 0)  # "125 %"
JUSTIFICATION_HELP = format_lazy(
    _("Obligatoria cuando el avance pasa de {limit}."), limit=OVER_EXECUTION_TEXT
)


def applies(action: Action, status: str) -> bool:
    """Whether ``action`` can be taken on a report in ``status``."""
    return status in TRANSITIONS[action][0]


def next_status(action: Action) -> str | None:
    """The status the report is left in; None when the action keeps it."""
    return TRANSITIONS[action][1]


def is_own(person: int | None, *, sent_by: int | None, changed_by: int | None) -> bool:
    """Whether the person (an id) last sent the report or last changed its value."""
    return person is not None and person in (sent_by, changed_by)


def allowed_actions(
    status: str,
    *,
    may_report: bool,
    may_review: bool,
    closed: bool,
    is_sender: bool = False,
    own: bool = False,
) -> frozenset[Action]:
    """What a person may do with a report now: nothing once its vigencia is closed.

    ``is_sender``: the person is the one who sent it (who alone may withdraw it). ``own``: the
    person sent it or last changed its value, and so may not review it (four eyes)."""
    if closed:
        return frozenset()
    roles = (
        (REPORTER_ACTIONS if may_report else frozenset())
        | (SENDER_ACTIONS if may_report and is_sender else frozenset())
        | (REVIEWER_ACTIONS if may_review else frozenset())
    )
    if own:
        roles -= FOUR_EYES
    return frozenset(action for action in roles if applies(action, status))


def kept_by_four_eyes(status: str, *, may_review: bool, closed: bool, own: bool) -> bool:
    """Whether a reviewer is kept from reviewing the report only because it is their own:
    the page then says why instead of silently offering nothing."""
    return may_review and own and not closed and any(applies(a, status) for a in FOUR_EYES)


def needs_justification(progress: Decimal | None) -> bool:
    """A progress over OVER_EXECUTION needs a written justification; N/A never does."""
    return progress is not None and progress > OVER_EXECUTION
