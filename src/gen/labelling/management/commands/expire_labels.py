"""Daily: labels whose three-year validity has ended expire, and their courses leave the catalogue."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from gen.catalogue.models import Course
from gen.labelling.models import Label
from gen.labelling.services.labels import labels_expire, labels_to_expire


class Command(BaseCommand):
    help = "Expire the labels whose validity has ended (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Expire the labels (default: only report them)."
        )

    def handle(self, *args, apply: bool, **options):
        today = timezone.localdate()
        expiring = labels_to_expire(today)
        # Courses left without any label in force once these have expired.
        leaving = (
            Course.objects.filter(labels__in=expiring)
            .exclude(pk__in=Label.objects.in_force(today).values("course"))
            .select_related("organisation", "commune")
            .distinct()
            .order_by("title")
        )
        leaving = [
            f"{course.title} – {course.organisation.name} ({course.commune.name})" for course in leaving
        ]
        if apply:
            count = labels_expire(today)
            self.stdout.write(f"Expired {count} label(s) on {today:%Y-%m-%d}.")
        else:
            count = expiring.count()
            self.stdout.write(f"{count} label(s) would expire today ({today:%Y-%m-%d}).")
        if leaving:
            self.stdout.write(f"{len(leaving)} course(s) leave the catalogue:")
            for line in leaving:
                self.stdout.write(f"  - {line}")
        else:
            self.stdout.write("No course leaves the catalogue.")
        if not apply and count:
            self.stdout.write("Run with --apply to expire them.")
