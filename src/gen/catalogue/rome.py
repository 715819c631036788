"""Idempotent import of the ROME job sheets and job titles (France Travail, ROME v4.60, digital trades)."""

from pathlib import Path

from django.db import transaction

from gen.catalogue.models import Job, JobTitle
from gen.core.text import normalize
from gen.territories.importers import Changes, ReferenceDataError, prune, read_table, upsert

DATA_DIR = Path(__file__).resolve().parent / "data"
JOBS_FILE = DATA_DIR / "rome_v460_fiches_numerique.csv"
JOB_TITLES_FILE = DATA_DIR / "rome_v460_appellations_numerique.csv"


def _ogr_code(where: str, value: str) -> int:
    if not value.isdigit():
        raise ReferenceDataError(f"{where}: code_ogr {value!r} is not a number")
    return int(value)


def _missing(where: str, row: dict[str, str], *columns: str) -> None:
    absent = [column for column in columns if not row.get(column)]
    if absent:
        raise ReferenceDataError(f"{where}: empty or missing {', '.join(absent)}")


def upsert_jobs(path: Path = JOBS_FILE) -> Changes:
    rows = {}
    for where, row in read_table(path):
        _missing(where, row, "code_rome", "libelle_rome", "code_ogr")
        rows[row["code_rome"]] = {
            "title": row["libelle_rome"],
            "search_title": normalize(row["libelle_rome"]),
            "ogr_code": _ogr_code(where, row["code_ogr"]),
        }
    return upsert(Job, rows, kind="jobs", key=("code",), fields=("title", "search_title", "ogr_code"))


def upsert_job_titles(path: Path = JOB_TITLES_FILE) -> Changes:
    job_pks = dict(Job.objects.values_list("code", "pk"))
    rows = {}
    for where, row in read_table(path):
        _missing(where, row, "code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome")
        if row["code_rome"] not in job_pks:
            raise ReferenceDataError(
                f"{where}: job title {row['code_ogr']} of unknown job {row['code_rome']}"
            )
        rows[_ogr_code(where, row["code_ogr"])] = {
            "title": row["libelle_appellation_long"],
            "short_title": row["libelle_appellation_court"],
            "search_title": normalize(row["libelle_appellation_long"]),
            "job_id": job_pks[row["code_rome"]],
        }
    return upsert(
        JobTitle,
        rows,
        kind="job titles",
        key=("ogr_code",),
        fields=("title", "short_title", "search_title", "job_id"),
    )


def load_rome(jobs_file: Path = JOBS_FILE, job_titles_file: Path = JOB_TITLES_FILE) -> list[Changes]:
    """Load the job sheets, then their job titles, in one transaction; returns what changed.

    A job no longer in the source is kept while a course still refers to it.
    """
    with transaction.atomic(durable=True):
        jobs = upsert_jobs(jobs_file)
        titles = upsert_job_titles(job_titles_file)
        prune(JobTitle, titles)
        prune(Job, jobs)
    return [jobs, titles]
