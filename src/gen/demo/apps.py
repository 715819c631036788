from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "gen.demo"
    label = "demo"
