"""The Tâches page of the national team, each job's history, and a run's page that follows its progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gen.accounts.models import Role
from gen.accounts.permissions import is_national_team, role_required
from gen.jobs.schedule import JOBS
from gen.jobs.selectors import access_run, job_runs, jobs_overview, queue_health
from gen.jobs.services import job_start


def _links() -> list[tuple[str, str]]:
    return [(reverse("accounts:space"), _("My space"))]


def _job(name: str):
    if name not in JOBS:
        raise Http404
    return JOBS[name]


@require_safe
@role_required(Role.NATIONAL_TEAM)
def jobs_page(request):
    now = timezone.now()
    health = queue_health()
    return render(
        request,
        "jobs/jobs.html",
        {
            "overview": jobs_overview(now=now),
            "health": health,
            "worker_late": health.worker_late(now),
            "breadcrumb_links": _links(),
        },
    )


@require_safe
@role_required(Role.NATIONAL_TEAM)
def job_page(request, name: str):
    job = _job(name)
    return render(
        request,
        "jobs/job.html",
        {
            "job": job,
            "runs": job_runs(name),
            "breadcrumb_links": [*_links(), (reverse("jobs:list"), _("Jobs"))],
        },
    )


@require_POST
@role_required(Role.NATIONAL_TEAM)
def job_start_now(request, name: str):
    job = _job(name)
    if not job.is_scheduled:  # jobs with arguments start from their own page (a round from its campaign)
        raise Http404
    try:
        run = job_start(name=name, requested_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("jobs:list")
    messages.success(
        request, _("“%(title)s” is queued: the worker starts it in a moment.") % {"title": job.title}
    )
    return redirect("jobs:run", pk=run.pk)


@require_safe
@login_required
def run_page(request, pk: int):
    run = access_run(user=request.user, pk=pk)
    context = {"run": run, "job": JOBS.get(run.job)}
    if request.htmx:
        return render(request, "jobs/_run_status.html", context)
    links = _links()
    if is_national_team(request.user):
        links.append((reverse("jobs:list"), _("Jobs")))
    return render(request, "jobs/run.html", {**context, "breadcrumb_links": links})
