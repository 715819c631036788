from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "gen.organisations"
    label = "organisations"
