from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gen.accounts"
    label = "accounts"
