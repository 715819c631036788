"""Work done outside web requests: recurring jobs on a schedule, long jobs with their progress, e-mails.

Tasks are Django tasks (the `django-tasks` backport, queued in the database by `django-tasks-db`), run by
`gen worker`; `gen scheduler` enqueues the recurring ones at the times declared in `schedule.py`.
"""
