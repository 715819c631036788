from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "gen.notifications"
    label = "notifications"
