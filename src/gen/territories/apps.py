from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "gen.territories"
    label = "territories"
