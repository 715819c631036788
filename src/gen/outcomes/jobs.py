"""Mapping the job title a learner or an organisation types to a ROME job sheet, and suggesting titles."""

from django.db.models import Case, IntegerField, Q, Value, When

from gen.catalogue.job_selectors import search_jobs
from gen.catalogue.models import Job, JobTitle
from gen.core.text import normalize


def job_title_suggestions(text: str, limit: int = 8) -> list[JobTitle]:
    """ROME job titles (appellations) containing every word typed, those starting with it first."""
    query = normalize(text)
    if len(query) < 2:
        return []
    matches = Q()
    for word in query.split():
        matches &= Q(search_title__contains=word)
    starts = When(search_title__startswith=query, then=Value(0))
    return list(
        JobTitle.objects.filter(matches)
        .select_related("job")
        .annotate(rank=Case(starts, default=Value(1), output_field=IntegerField()))
        .order_by("rank", "title")[:limit]
    )


def job_of_title(text: str) -> Job | None:
    """The ROME job sheet of a typed job title: the one whose appellation or sheet title it is exactly,
    else the only sheet it matches. Ambiguous or unknown titles stay unmapped rather than guessed."""
    query = normalize(text)
    if not query:
        return None
    exact = JobTitle.objects.filter(search_title=query).select_related("job").first()
    if exact is not None:
        return exact.job
    exact_job = Job.objects.filter(search_title=query).first()
    if exact_job is not None:
        return exact_job
    found = search_jobs(text, limit=2)
    return found[0] if len(found) == 1 else None
