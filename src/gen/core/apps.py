from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gen.core"
    label = "core"
