from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "gen.funding"
    label = "funding"
