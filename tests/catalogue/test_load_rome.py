import csv
import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from gen.catalogue.models import Job, JobTitle
from gen.catalogue.rome import JOB_TITLES_FILE, JOBS_FILE, load_rome
from tests.factories import CourseFactory

JOBS = 111
JOB_TITLES = 650


def run(**options) -> str:
    out = io.StringIO()
    call_command("load_rome", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
class TestLoadRome:
    def test_empty_database_gets_every_job_and_job_title(self):
        JobTitle.objects.all().delete()
        Job.objects.all().delete()

        jobs, titles = load_rome()

        assert (jobs.kind, jobs.added, titles.kind, titles.added) == ("jobs", JOBS, "job titles", JOB_TITLES)
        assert Job.objects.count() == JOBS
        assert JobTitle.objects.count() == JOB_TITLES

    def test_second_run_changes_nothing(self):
        JobTitle.objects.all().delete()
        Job.objects.all().delete()
        first = run()
        second = run()

        assert f"jobs: {JOBS} added, 0 changed, 0 unchanged, 0 removed" in first
        assert f"jobs: 0 added, 0 changed, {JOBS} unchanged, 0 removed" in second
        assert f"job titles: 0 added, 0 changed, {JOB_TITLES} unchanged, 0 removed" in second

    def test_rows_hold_the_referential_values(self):
        job = Job.objects.get(code="M1805")
        assert (job.title, job.search_title) == (
            "Développeur / Développeuse informatique",
            "developpeur developpeuse informatique",
        )
        title = JobTitle.objects.get(title="Développeur / Développeuse web")
        assert title.job.code == "M1855"  # ROME 4: its own sheet, whose parent is M1805
        assert title.search_title == "developpeur developpeuse web"
        assert title.short_title == "Développeur / Développeuse web"
        assert title.ogr_code == 14156

    def test_changed_rows_are_reported_and_restored(self):
        Job.objects.filter(code="M1805").update(title="Autre")
        JobTitle.objects.filter(title="Développeur / Développeuse web").update(
            job=Job.objects.get(code="E1101")
        )

        output = run()

        assert f"jobs: 0 added, 1 changed, {JOBS - 1} unchanged, 0 removed" in output
        assert f"job titles: 0 added, 1 changed, {JOB_TITLES - 1} unchanged, 0 removed" in output
        assert Job.objects.get(code="M1805").title == "Développeur / Développeuse informatique"
        assert JobTitle.objects.get(title="Développeur / Développeuse web").job.code == "M1855"

    def test_job_no_longer_in_source_is_removed_unless_a_course_refers_to_it(self):
        unused = Job.objects.create(code="Z9999", title="Ancien", search_title="ancien", ogr_code=999_999)
        JobTitle.objects.create(
            ogr_code=999_998, title="Ancien", short_title="Ancien", search_title="ancien", job=unused
        )
        used = Job.objects.create(code="Z9998", title="Utilisé", search_title="utilise", ogr_code=999_997)
        CourseFactory(jobs=[used])

        output = run()

        assert f"jobs: 0 added, 0 changed, {JOBS} unchanged, 1 removed, 1 kept" in output
        assert f"job titles: 0 added, 0 changed, {JOB_TITLES} unchanged, 1 removed" in output
        assert list(Job.objects.filter(code__startswith="Z").values_list("code", flat=True)) == ["Z9998"]

    def test_job_title_of_unknown_job_names_the_line_and_loads_nothing(self, tmp_path):
        jobs_file = tmp_path / JOBS_FILE.name
        shutil.copy(JOBS_FILE, jobs_file)
        with JOB_TITLES_FILE.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        rows[3][3] = "X0000"
        titles_file = tmp_path / JOB_TITLES_FILE.name
        with titles_file.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream, lineterminator="\n").writerows(rows)
        JobTitle.objects.filter(ogr_code=int(rows[1][0])).delete()

        with pytest.raises(CommandError, match=rf"line 4: job title {rows[3][0]} of unknown job X0000"):
            run(jobs_file=jobs_file, job_titles_file=titles_file)

        assert not JobTitle.objects.filter(ogr_code=int(rows[1][0])).exists()
