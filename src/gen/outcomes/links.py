"""The survey links: `/suivi/<signed>/`, opened without a password.

The link carries a random secret (`secrets.token_urlsafe(32)`, 256 bits) and the survey's id, signed
with the site's key so that a tampered link is refused before the database is read. Only a hash of the
secret is stored: someone reading the database cannot answer in a learner's place. A link works until
the survey is answered (single use) or its `expires_at` has passed.
"""

import hashlib
import hmac
import secrets

from django.core import signing
from django.utils import timezone

from gen.outcomes.models import Survey

SALT = "gen.outcomes.survey-link"


class LinkError(Exception):
    """Why a link cannot be used; `code` picks the page shown (never more than that)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


INVALID, EXPIRED, USED = "invalid", "expired", "used"


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def link_new(survey_id: int) -> tuple[str, str]:
    """A fresh (signed value for the URL, hash to store) pair for the survey."""
    secret = secrets.token_urlsafe(32)
    return signing.dumps({"s": survey_id, "t": secret}, salt=SALT), secret_hash(secret)


def _matches(stored: str, candidate: str) -> bool:
    # Constant time, and an empty stored hash (no reminder sent) never matches.
    return bool(stored) & hmac.compare_digest(stored.encode(), candidate.encode())


def survey_of_link(signed: str, *, for_update: bool = False) -> Survey:
    """The survey the link opens, or LinkError(INVALID / USED / EXPIRED)."""
    try:
        payload = signing.loads(signed, salt=SALT)
        survey_id, secret = payload["s"], payload["t"]
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise LinkError(INVALID) from error
    if not isinstance(survey_id, int) or not isinstance(secret, str):
        raise LinkError(INVALID)
    surveys = Survey.objects.select_related("enrolment__session__course__organisation")
    if for_update:
        surveys = surveys.select_for_update(of=("self",))
    survey = surveys.filter(pk=survey_id, sent_at__isnull=False).first()
    if survey is None:
        raise LinkError(INVALID)
    digest = secret_hash(secret)
    if not (_matches(survey.token_hash, digest) | _matches(survey.reminder_token_hash, digest)):
        raise LinkError(INVALID)
    if survey.answered_at is not None:
        raise LinkError(USED)
    if survey.expires_at <= timezone.now():
        raise LinkError(EXPIRED)
    return survey
