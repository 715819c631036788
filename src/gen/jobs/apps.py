from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "gen.jobs"
    label = "jobs"
