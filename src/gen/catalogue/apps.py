from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "gen.catalogue"
    label = "catalogue"
