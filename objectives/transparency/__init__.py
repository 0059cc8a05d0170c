"""The transparency portal: what a citizen reads without logging in, and what Planeación
publishes for it.

Public pages and open-data files read only frozen figures (closed vigencias' ``Closure.snapshot``
and published cortes' ``Publication.snapshot``) plus the plan's platform, objectives, metas,
indicators and programming. Never a report that is not approved, an unpublished corte or evidence
not marked public.
"""
