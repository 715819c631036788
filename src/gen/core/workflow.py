"""State machines: a transition table, and one log row per transition (who, when, from, to, why).

Every workflow of the platform (calls, label applications, labels, later applications to sessions)
declares its table here and moves only through `Workflow.move`, inside the caller's transaction,
on a row it has locked.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransitionLog(models.Model):
    """Abstract log row; each workflow has a concrete one with a foreign key named `subject`."""

    from_state = models.CharField(_("from"), max_length=30)
    to_state = models.CharField(_("to"), max_length=30)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class TransitionNotAllowed(ValidationError):
    pass


@dataclass(frozen=True)
class Workflow:
    """`transitions` maps each target state to the states it may be reached from."""

    state_field: str
    transitions: dict[str, frozenset[str]]
    log_model: type[TransitionLog]

    def can_move(self, obj, to: str) -> bool:
        return getattr(obj, self.state_field) in self.transitions.get(to, frozenset())

    def move(
        self, obj, *, to: str, actor=None, reason: str = "", update_fields: tuple[str, ...] = ()
    ) -> None:
        """Change the state of `obj` (already locked by the caller) and log it; refuse what the table forbids."""
        source = getattr(obj, self.state_field)
        if not self.can_move(obj, to):
            labels = dict(obj._meta.get_field(self.state_field).flatchoices)
            raise TransitionNotAllowed(
                _("This change is not possible from the current state (%(source)s → %(target)s)."),
                code="transition_not_allowed",
                params={"source": labels.get(source, source), "target": labels.get(to, to)},
            )
        setattr(obj, self.state_field, to)
        obj.save(update_fields=[self.state_field, *update_fields])
        self.log_model.objects.create(subject=obj, from_state=source, to_state=to, reason=reason, actor=actor)
