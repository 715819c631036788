from ninja import Field, Query, Router, Schema

from gen.catalogue.job_selectors import search_jobs

router = Router(tags=["métiers"])


class JobSearchParams(Schema):
    q: str = Field(..., max_length=200, description="Words of a job title, accent- and case-insensitive.")
    limit: int = Field(10, ge=1, le=50)


class JobOut(Schema):
    code: str = Field(..., description="ROME code, usable as `metier` in /api/v1/formations.")
    title: str


@router.get("", response=list[JobOut], summary="Find ROME job sheets by title or job title")
def jobs(request, params: Query[JobSearchParams]):
    return [{"code": job.code, "title": job.title} for job in search_jobs(params.q, limit=params.limit)]
