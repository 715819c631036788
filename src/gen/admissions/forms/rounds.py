"""The forms of national rounds: a candidate's wishes moved by buttons; the national team starting a round."""

from django import forms
from django.utils.translation import gettext_lazy as _

MOVES = ("up", "down", "remove", "add")


class WishMoveForm(forms.Form):
    # The button's value, e.g. "up:42" (move application 42 one place up).
    move = forms.RegexField(regex=rf"^({'|'.join(MOVES)}):\d{{1,18}}$")

    def cleaned_move(self) -> tuple[str, int]:
        action, application_id = self.cleaned_data["move"].split(":")
        return action, int(application_id)


class RoundStartForm(forms.Form):
    skip_unfrozen = forms.BooleanField(
        label=_("Leave out the sessions whose call order is not frozen"),
        help_text=_(
            "The round then gives no place in these sessions; their candidates may still get one of their "
            "other wishes."
        ),
        required=False,
    )


def moved(order: list[int], action: str, application_id: int) -> list[int]:
    """The wishes in their new order once the move is made (the service checks what is allowed)."""
    order = list(order)
    if action == "add":
        return [*order, application_id]
    index = order.index(application_id)
    if action == "remove":
        del order[index]
    elif action == "up" and index > 0:
        order[index - 1], order[index] = order[index], order[index - 1]
    elif action == "down" and index < len(order) - 1:
        order[index + 1], order[index] = order[index], order[index + 1]
    return order
