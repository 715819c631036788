"""The outbox: one row per e-mail, written with the change it reports, sent after commit.

A message exists only if the change that caused it was committed. The worker sends it a moment later; a
message that could not be sent (mail server down) is tried again later, up to five times, and stays
visible in the outbox with its last error.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    # What the message is about, e.g. "admissions.offer_made"; used for tests and statistics.
    kind = models.CharField(_("kind"), max_length=60)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When a failed message is tried again (None: as soon as possible).
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True), name="outbox_unsent_idx")
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
