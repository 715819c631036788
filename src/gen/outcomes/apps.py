from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "gen.outcomes"
    label = "outcomes"
