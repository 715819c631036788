"""What admissions tell candidates and their prescribers, through the outbox."""

from django.urls import reverse

from gen.admissions.models import Application, Offer
from gen.notifications.services import email_enqueue


def tell_candidate(application: Application, kind: str, **context) -> None:
    """E-mail the candidate (template `admissions/emails/<kind>`), with a copy to the prescriber if any."""
    context = {"application": application, "session": application.session, **context}
    context["space_url"] = reverse("admissions:candidate_space")
    email_enqueue(
        to=application.candidate.user.email,
        template=f"admissions/emails/{kind}",
        context=context,
        kind=f"admissions.{kind}",
    )
    if application.referrer_id and application.referrer.is_active:
        email_enqueue(
            to=application.referrer.email,
            template="admissions/emails/referral_news",
            context={**context, "news": kind, "referrals_url": reverse("admissions:referrals")},
            kind="admissions.referral_news",
        )


def tell_offer(offer: Offer, kind: str) -> None:
    tell_candidate(offer.application, kind, offer=offer)
