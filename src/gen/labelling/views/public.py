"""Public labelling pages: the calls for labelling and the register of labels in force."""

import csv
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gen.labelling.forms.public import RegisterFilterForm
from gen.labelling.models import CommitteeDecision, LabelApplication, LabellingCall
from gen.labelling.selectors import access_call, public_calls, register, register_counts_by_region

REGISTER_PAGE_SIZE = 25
# Spreadsheets run formulas in cells starting with these: they are written as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CallRow:
    call: LabellingCall
    phase: str  # "draft", "upcoming", "open" or "past"
    status: str
    days_left: int | None = None


def _call_row(call: LabellingCall, now) -> CallRow:
    if call.state == LabellingCall.State.DRAFT:
        return CallRow(call, "draft", _("Draft"))
    if call.state == LabellingCall.State.PUBLISHED and call.deadline > now:
        if call.opens_at > now:
            return CallRow(call, "upcoming", _("Opens soon"))
        days_left = (timezone.localdate(call.deadline) - timezone.localdate(now)).days
        return CallRow(call, "open", _("Open"), days_left)
    if call.state == LabellingCall.State.DECIDED:
        return CallRow(call, "past", _("Decided"))
    return CallRow(call, "past", _("Closed"))


@require_safe
def calls(request):
    now = timezone.now()
    rows = [_call_row(call, now) for call in public_calls()]
    current = sorted(
        (row for row in rows if row.phase in ("open", "upcoming")), key=lambda r: r.call.deadline
    )
    past = [row for row in rows if row.phase == "past"]
    return render(request, "labelling/public/calls.html", {"current": current, "past": past})


@require_safe
def call_detail(request, slug: str):
    call = access_call(user=request.user, slug=slug)
    criteria = list(call.criteria.all())
    context = {
        "call": call,
        "row": _call_row(call, timezone.now()),
        "criteria": criteria,
        "total_weight": sum(criterion.weight for criterion in criteria),
        "seed_grant_percent": int(call.max_seed_grant_rate * 100),
    }
    if call.state == LabellingCall.State.DECIDED:
        decided = call.applications.filter(state=LabelApplication.State.DECIDED)
        granted = Q(decisions__outcome=CommitteeDecision.Outcome.GRANTED)
        refused = Q(decisions__outcome=CommitteeDecision.Outcome.REFUSED)
        context["granted"] = (
            decided.filter(granted)
            .distinct()
            .select_related("course__organisation", "course__commune__departement__region")
            .prefetch_related("labels")
            .order_by("course__title")
        )
        context["counts"] = decided.aggregate(
            granted=Count("pk", filter=granted, distinct=True),
            refused=Count("pk", filter=refused, distinct=True),
        )
    return render(request, "labelling/public/call.html", context)


def _register_filters(request) -> tuple[RegisterFilterForm, dict]:
    form = RegisterFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # invalid fields are dropped from the filters and shown as messages
    return form, form.filters()


@require_safe
def register_page(request):
    form, filters = _register_filters(request)
    labels = register(**filters)
    page = Paginator(labels, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = register_counts_by_region(labels)
    highest = max((row["labels"] for row in counts), default=0)
    for row in counts:
        row["percent"] = round(100 * row["labels"] / highest) if highest else 0
    # The export keeps the filters in use, never what was typed (a bad value may be 5 kB long).
    query = urlencode({name: value for name, value in form.cleaned_filters().items() if value})
    return render(
        request,
        "labelling/public/register.html",
        {
            "form": form,
            "page": page,
            "counts": counts,
            "total": page.paginator.count,
            "query": query,
        },
    )


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


@require_safe
def register_csv(request):
    """The filtered register as a spreadsheet: UTF-8 with a BOM, semicolons, French headers."""
    _form, filters = _register_filters(request)
    labels = register(**filters).prefetch_related("course__jobs")
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registre-labels-gen-{today:%Y-%m-%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Course"),
            _("Organisation"),
            _("SIRET"),
            _("Town"),
            _("Département"),
            _("Region"),
            _("Trades (ROME)"),
            _("Label valid from"),
            _("Label valid until"),
            _("Call for labelling"),
            _("Course page"),
        ]
    )
    for label in labels.iterator(chunk_size=500):
        course = label.course
        commune = course.commune
        call = label.application.call if label.application else None
        writer.writerow(
            _cell(value)
            for value in (
                course.title,
                course.organisation.name,
                course.organisation.siret,
                commune.name,
                commune.departement.name,
                commune.departement.region.name,
                ", ".join(job.code for job in course.jobs.all()),
                label.valid_from.isoformat(),
                label.valid_until.isoformat(),
                call.title if call else "",
                request.build_absolute_uri(course.get_absolute_url()),
            )
        )
    return response
