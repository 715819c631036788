"""Reading the ROME job sheets: search by job sheet title or by any of its job titles (appellations)."""

from django.db.models import Case, IntegerField, Q, Value, When

from gen.catalogue.models import Job, JobTitle
from gen.core.text import normalize


def search_jobs(text: str, limit: int = 10) -> list[Job]:
    """Jobs whose title, or one of whose job titles, contains every word of `text`.

    Accent-, case- and punctuation-insensitive ("developpeur" finds "Développeur / Développeuse web"
    and so M1805). Best first: job titles starting with the text, then other job-title matches, then
    jobs found only through a job title; then by ROME code.
    """
    query = normalize(text)
    if not query:
        return []
    # Both models have a normalised `search_title`: the same condition serves for both.
    matches = Q()
    for word in query.split():
        matches &= Q(search_title__contains=word)
    by_appellation = JobTitle.objects.filter(matches).values("job_id")
    return list(
        Job.objects.filter(matches | Q(pk__in=by_appellation))
        .annotate(
            rank=Case(
                When(search_title__startswith=query, then=Value(0)),
                When(matches, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "code")[:limit]
    )
