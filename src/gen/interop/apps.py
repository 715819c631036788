from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "gen.interop"
    label = "interop"
