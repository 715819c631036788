from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "gen.stats"
    label = "stats"
