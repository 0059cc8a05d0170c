"""The read API (Django REST framework), versioned under /api/v1/ and described by OpenAPI 3.

Anonymous clients see what the transparency portal shows: public plans, their platform,
objectives, indicators and programming, and official figures (closed vigencias and published
cortes). A person with a role, by session or personal token, sees every plan and the live
figures of approved reports, as in the app.
"""
