"""Who may do what. Roles are Django groups created by a data migration; a superuser is an
Administrador. Every view checks these on the server."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

ADMINISTRADOR = "Administrador"
PLANEACION = "Planeación"
RESPONSABLE = "Responsable"
DIRECTIVO = "Directivo"
ROLES = (ADMINISTRADOR, PLANEACION, RESPONSABLE, DIRECTIVO)

User = AbstractBaseUser | AnonymousUser


def roles(user: User) -> frozenset[str]:
    """The user's roles, read once per request object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_pep_roles"):
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(ADMINISTRADOR)
        user._pep_roles = frozenset(names)
    return user._pep_roles


def dependencies(user: User) -> frozenset[str]:
    """The dependencies a Responsable reports for."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_pep_dependencies"):
        names = user.assignments.values_list("dependency", flat=True)
        user._pep_dependencies = frozenset(names)
    return user._pep_dependencies


def is_admin(user: User) -> bool:
    return ADMINISTRADOR in roles(user)


def can_review(user: User) -> bool:
    """Review, approve or return reports; edit programming and weights (with a reason)."""
    return bool(roles(user) & {ADMINISTRADOR, PLANEACION})


def can_report(user: User, dependency: str) -> bool:
    """Report progress for an indicator of ``dependency``."""
    if can_review(user):
        return True
    return RESPONSABLE in roles(user) and bool(dependency) and dependency in dependencies(user)


def can_read_evidence(user: User, dependency: str) -> bool:
    """Download a report's evidence: Planeación, Administración, Directivos and the
    Responsables of the indicator's dependency; not a Responsable of another one."""
    return DIRECTIVO in roles(user) or can_report(user, dependency)
