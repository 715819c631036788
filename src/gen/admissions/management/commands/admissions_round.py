"""`gen admissions-round CAMPAIGN [--apply]`: the national round of a campaign.

Dry run by default: loads the wishes and call orders, solves, and prints what the round would give and
write. With --apply, does it in one transaction (once per campaign, after the wishes have closed).
"""

import numpy as np
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gen.admissions.models import Campaign
from gen.admissions.services.rounds import RoundResult, round_apply, round_load, round_solve
from gen.catalogue.models import Session

TOP_SESSIONS = 10


class Command(BaseCommand):
    help = "Run the national admission round of a campaign (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("campaign", help="The campaign's slug.")
        parser.add_argument("--apply", action="store_true", help="Write the offers (default: only report).")
        parser.add_argument(
            "--skip-unfrozen",
            action="store_true",
            help="Run without the sessions whose call order is not frozen (default: refuse to apply).",
        )

    def handle(self, *args, campaign: str, apply: bool, skip_unfrozen: bool, **options):
        found = Campaign.objects.filter(slug=campaign).first()
        if found is None:
            raise CommandError(f"No campaign {campaign!r}.")
        show = options["verbosity"] >= 1

        def track(items, **kwargs):
            return tqdm(items, disable=not show, **kwargs)

        if apply:
            try:
                result = round_apply(
                    campaign=found, acting_user=None, skip_unfrozen=skip_unfrozen, track=track
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        else:
            result = round_solve(round_load(found))
        self._report(result, applied=apply)

    def _report(self, result: RoundResult, *, applied: bool) -> None:
        loaded, write = result.input, self.stdout.write
        timings = ", ".join(f"{step} {seconds:.2f} s" for step, seconds in result.seconds.items())
        write(f"Round of {loaded.campaign.name!r} ({loaded.campaign.slug}): {timings}.")
        for session in loaded.unfrozen:
            write(f"  not in the round, call order not frozen: {session} (#{session.pk})")
        first_share = result.placed_first_wish / result.placed if result.placed else 0
        write(
            f"{result.candidates:,} candidates, {loaded.wishes:,} wishes, {len(loaded.session_ids):,} sessions "
            f"with {int(loaded.capacity.sum()):,} places left before the round.\n"
            f"{result.placed:,} placed, {result.placed_first_wish:,} on their first wish ({first_share:.0%}), "
            f"{result.unplaced:,} without a place."
        )
        places_left = result.places_left
        write(f"Places left after the round: {int(places_left.sum()):,}; the sessions with the most:")
        top = [i for i in np.argsort(-places_left, kind="stable")[:TOP_SESSIONS].tolist() if places_left[i]]
        sessions = Session.objects.select_related("course").in_bulk(loaded.session_ids[top].tolist())
        for index in top:
            session = sessions[int(loaded.session_ids[index])]
            write(f"  {places_left[index]} of {loaded.capacity[index]}: {session} (#{session.pk})")
        sessions_full = int(result.allocation.full.sum())
        if applied:
            write(
                f"Written: {result.placed:,} offers and their log, {len(loaded.session_ids):,} session results."
            )
            write("The e-mails are in the outbox: `gen send-outbox` sends them.")
        else:
            write(
                f"Would write {result.placed:,} offers and their log, {len(loaded.session_ids):,} session results "
                f"({sessions_full} full), and e-mail the placed candidates. Run with --apply to do it."
            )
