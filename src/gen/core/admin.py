from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For logs written by the services only: listed and opened, never added or edited."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
