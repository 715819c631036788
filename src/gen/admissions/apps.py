from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "gen.admissions"
    label = "admissions"
