from gen.admissions.models.applications import (
    Application,
    ApplicationNote,
    ApplicationTransition,
    RefusalReason,
)
from gen.admissions.models.campaigns import AdmissionRound, Campaign, CampaignSession, Wish
from gen.admissions.models.candidates import Candidate, DiplomaLevel, Gender, HeardFrom
from gen.admissions.models.offers import Offer, OfferTransition
from gen.admissions.models.selection import MinimumRate, Selection

__all__ = [
    "AdmissionRound",
    "Application",
    "ApplicationNote",
    "ApplicationTransition",
    "Campaign",
    "CampaignSession",
    "Candidate",
    "DiplomaLevel",
    "Gender",
    "HeardFrom",
    "MinimumRate",
    "Offer",
    "OfferTransition",
    "RefusalReason",
    "Selection",
    "Wish",
]
