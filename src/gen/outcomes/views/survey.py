"""The survey a learner opens from the e-mail: no login, the signed link is the key. A link that cannot
be used gets a plain page saying why (invalid, expired, already used), and nothing about whose it is."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from gen.core.forms import add_service_errors
from gen.outcomes.definitions import JOB_DETAIL_SITUATIONS, SituationCode
from gen.outcomes.forms import SurveyForm
from gen.outcomes.jobs import job_title_suggestions
from gen.outcomes.links import EXPIRED, USED, LinkError, survey_of_link
from gen.outcomes.models import Milestone
from gen.outcomes.services.surveys import survey_answer

LINK_ERROR_STATUS = {EXPIRED: 410, USED: 410}


def _private(response):
    # The link is a secret: never sent on to other sites (not "no-referrer": browsers would then send
    # `Origin: null` with the form, which the CSRF check refuses), never indexed.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_error(request, error: LinkError):
    response = render(
        request,
        "outcomes/survey/link_error.html",
        {"code": error.code},
        status=LINK_ERROR_STATUS.get(error.code, 404),
    )
    return _private(response)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, signed: str):
    try:
        survey = survey_of_link(signed)
    except LinkError as error:
        return _link_error(request, error)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(signed=signed, answers=form.answers())
        except LinkError as error:
            return _link_error(request, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _private(redirect("outcomes:survey_thanks"))
    enrolment = survey.enrolment
    context = {
        "survey": survey,
        "course": enrolment.session.course,
        "months": Milestone(survey.milestone).months,
        "dropped_out": enrolment.status == enrolment.Status.DROPPED_OUT,
        "form": form,
        "job_situations": sorted(JOB_DETAIL_SITUATIONS),
        "interim": SituationCode.INTERIM,
    }
    return _private(render(request, "outcomes/survey/survey.html", context))


@require_safe
def survey_thanks(request):
    return _private(render(request, "outcomes/survey/thanks.html"))


@require_safe
def job_titles(request):
    """The <option>s of the job title's datalist, as the person types (htmx)."""
    titles = job_title_suggestions(request.GET.get("intitule", "")[:100])
    return render(request, "outcomes/_job_title_options.html", {"titles": titles})
