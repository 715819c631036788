"""Labelling in the demo: the historical call whose committee granted the labels in force, and a call
open today with dossiers at every stage.

At the stress scale, only the historical call and the links from the labels to its dossiers.
"""

from django.db.models import Q

from gen.demo.context import DEMO_DOMAIN, DemoContext, demo_organisations
from gen.demo.labelling import history, open_call
from gen.demo.labelling.dossiers import demo_staff
from gen.labelling.models import Attachment, CallTransition, Label, LabelApplication, LabellingCall

# Scales with refused and deferred dossiers, reviews, attachments and the open call.
FULL_SCALES = ("small", "national")


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("labelling")
    staff = demo_staff()
    full = ctx.scale.name in FULL_SCALES
    ctx.counts["labelling calls"] = 2 if full else 1
    refused = history.build(ctx, rng, staff, full=full)
    if full:
        open_call.build(ctx, rng, staff, refused)


def clear() -> None:
    """Remove the demo calls, every dossier of a demo course or in a demo call, and their files."""
    calls = demo_calls()
    applications = LabelApplication.objects.filter(
        Q(course__organisation__in=demo_organisations()) | Q(call__in=calls)
    )
    # A course outside the demo labelled through a demo call keeps its label, without the dossier.
    Label.objects.filter(application__in=applications).update(application=None)
    storage = Attachment._meta.get_field("file").storage
    for name in Attachment.objects.filter(application__in=applications).values_list("file", flat=True):
        storage.delete(name)
    applications.delete()
    calls.delete()


def demo_calls():
    """Calls the demo users moved: published (and more) by the demo national team."""
    return LabellingCall.objects.filter(
        pk__in=CallTransition.objects.filter(actor__email__endswith=f"@{DEMO_DOMAIN}").values("subject")
    )
