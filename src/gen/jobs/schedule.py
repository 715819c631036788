"""Every job of the platform, with its schedule: the one place that says what runs by itself, and when.

Cron expressions are read in the platform's time zone (Europe/Paris). `gen worker` starts each slot once,
whatever the number of workers; a slot missed while no worker ran is caught up once when one starts.
"""

from django.utils.translation import gettext_lazy as _

from gen.jobs.registry import Job

JOBS: dict[str, Job] = {
    job.name: job
    for job in [
        Job(
            name="offers-expire",
            title=_("Offers: reminders and expiry"),
            description=_(
                "Reminds candidates whose offer ends within a day, expires the offers not answered in time "
                "and passes their places to the next candidates called."
            ),
            function_path="gen.admissions.tasks.offers_expire_job",
            # Every quarter of an hour: a place passes on within 15 minutes of a deadline.
            cron="*/15 * * * *",
            when=_("every quarter of an hour"),
        ),
        Job(
            name="outbox-send",
            title=_("E-mails waiting to be sent"),
            description=_(
                "Sends the e-mails whose first attempt failed (mail server down) once their retry is due, "
                "and those of a national round."
            ),
            function_path="gen.notifications.tasks.outbox_send_job",
            cron="*/5 * * * *",
            when=_("every 5 minutes"),
        ),
        Job(
            name="stats-refresh",
            title=_("Statistics"),
            description=_(
                "Counts again the figures behind the dashboards, the exports and the statistics API."
            ),
            function_path="gen.stats.tasks.stats_refresh_job",
            cron="7 * * * *",
            when=_("every hour, at 7 past"),
        ),
        Job(
            name="surveys-send",
            title=_("Follow-up surveys"),
            description=_(
                "Plans the surveys of learners who left a course, e-mails those due (end, 3, 6 and 12 months) "
                "and reminds once those unanswered after a week."
            ),
            function_path="gen.outcomes.tasks.surveys_send_job",
            cron="30 8 * * *",
            when=_("every day at 8:30"),
        ),
        Job(
            name="labels-expire",
            title=_("Label expiry"),
            description=_("Labels past their three years expire; their courses leave the catalogue."),
            function_path="gen.labelling.tasks.labels_expire_job",
            cron="5 0 * * *",
            when=_("every day at 0:05"),
        ),
        Job(
            name="catalogue-refresh",
            title=_("Catalogue"),
            description=_(
                "Courses enter or leave the catalogue as their labels start and end; next session dates move on."
            ),
            function_path="gen.catalogue.tasks.catalogue_refresh_job",
            cron="10 0 * * *",
            when=_("every day at 0:10"),
        ),
        Job(
            name="personal-data-purge",
            title=_("Personal data retention"),
            description=_(
                "Anonymises the candidates idle for two years whose sessions ended two years ago, as the "
                "privacy notice says."
            ),
            function_path="gen.admissions.tasks.personal_data_purge_job",
            cron="30 3 * * *",
            when=_("every day at 3:30"),
        ),
        Job(
            name="jobs-prune",
            title=_("Job history"),
            description=_("Deletes the queue's finished tasks and the job runs older than 90 days."),
            function_path="gen.jobs.housekeeping.jobs_prune_job",
            cron="45 3 * * 0",
            when=_("every Sunday at 3:45"),
        ),
        Job(
            name="admissions-round",
            title=_("National admission round"),
            description=_(
                "Computes the round of a campaign (deferred acceptance) and writes its offers; started from "
                "the campaign's page or `gen admissions-round`."
            ),
            function_path="gen.admissions.tasks.admissions_round_job",
            when=_("on demand"),
        ),
    ]
}


def job_named(name: str) -> Job:
    return JOBS[name]


def scheduled_jobs() -> list[Job]:
    return [job for job in JOBS.values() if job.is_scheduled]
