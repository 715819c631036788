"""The catalogue's work for the worker."""

from django.utils.translation import gettext as _

from gen.catalogue.services import courses_refresh_listing, listing_changes
from gen.jobs.progress import Progress


def catalogue_refresh_job(progress: Progress) -> str:
    changes = listing_changes()
    courses_refresh_listing()
    return _(
        "Courses entering the catalogue: %(entering)d, leaving it: %(leaving)d; next session moved: %(moved)d."
    ) % {"entering": changes["entering"], "leaving": changes["leaving"], "moved": changes["next start moved"]}
