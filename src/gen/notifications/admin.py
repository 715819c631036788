from django.contrib import admin

from gen.core.admin import ReadOnlyAdmin
from gen.notifications.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "to",
        "subject",
        "kind",
        "sent_at",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject"]
