from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "gen.cohorts"
    label = "cohorts"
