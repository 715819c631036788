"""What the simulation records of each application and offer, before any row is written."""

import datetime

# Who acted, for log rows whose user is only known once rows are written: the candidate...
BY_CANDIDATE = "candidate"
# ... or the adviser who applied for them, if one did.
BY_SUBMITTER = "submitter"


class Slot:
    """An application: its planned steps, then what happened by the demo's now."""

    __slots__ = (
        "plan",
        "received_at",
        "steps",
        "motivation",
        "availability",
        "person",
        "referral",
        "state",
        "history",
        "score",
        "rank",
        "call_position",
        "refusal_reason",
        "refusal_comment",
        "offer",
    )

    def __init__(self, plan, received_at: datetime.datetime):
        self.plan = plan
        self.received_at = received_at
        # (when, to state, what): the selection team's steps, and maybe the candidate's withdrawal.
        self.steps: list[tuple] = []
        self.motivation = self.availability = ""
        self.person = None
        self.referral = None
        self.state = ""
        # (from state, to state, at, actor, reason); actor: a user id, None, BY_CANDIDATE or BY_SUBMITTER.
        self.history: list[tuple] = []
        self.score = self.rank = self.call_position = None
        self.refusal_reason = self.refusal_comment = ""
        self.offer: OfferRecord | None = None


class OfferRecord:
    __slots__ = ("slot", "sent_at", "deadline", "state", "answered_at", "closed_at", "history")

    def __init__(self, slot: Slot, sent_at: datetime.datetime, deadline: datetime.datetime):
        self.slot = slot
        self.sent_at = sent_at
        self.deadline = deadline
        self.state = ""
        self.answered_at = None
        # When it stopped waiting for an answer, whatever the reason.
        self.closed_at = None
        self.history: list[tuple] = []
