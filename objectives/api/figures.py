"""Official and live figures as the API returns them: the snapshot's shape with coverage."""

from objectives.transparency.snapshots import OfficialSet, coverage


def figure_set(plan_id: int, snapshot: dict, official: OfficialSet | None) -> dict:
    """A snapshot with the coverage of each figure; ``official`` None means live figures."""
    covered = coverage(snapshot)
    objectives = [
        {
            "number": objective["number"],
            "name": objective.get("name", ""),
            "compliance": objective.get("compliance"),
            "coverage": covered.by_objective[objective["number"]],
            "indicators": objective.get("indicators", []),
        }
        for objective in snapshot.get("objectives", [])
    ]
    kind = "en_vivo" if official is None else ("cierre" if official.closed else "corte")
    return {
        "plan": plan_id,
        "year": snapshot.get("year"),
        "corte": official.corte if official else None,
        "corte_date": official.corte_date if official else None,
        "kind": kind,
        "published_at": official.at if official else None,
        "policy": snapshot.get("policy", ""),
        "plan_compliance": snapshot.get("plan_compliance"),
        "objectives_counted": covered.objectives,
        "objectives_averaged": covered.averaged,
        "objectives": objectives,
    }
