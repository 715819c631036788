from django.apps import AppConfig


class LabellingConfig(AppConfig):
    name = "gen.labelling"
    label = "labelling"
