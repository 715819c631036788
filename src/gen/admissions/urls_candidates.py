"""The candidates' pages, under /candidat/ (included by gen.admissions.urls)."""

from django.urls import path

from gen.admissions.views import candidates_account, candidates_apply, candidates_space

urlpatterns = [
    path("candidat/", candidates_space.space, name="candidate_space"),
    path("candidat/inscription/", candidates_account.signup, name="candidate_signup"),
    path("candidat/inscription/envoyee/", candidates_account.signup_done, name="candidate_signup_done"),
    path("candidat/activer/<str:uidb64>/<str:token>/", candidates_account.activate, name="activate"),
    path("candidat/profil/", candidates_account.profile, name="candidate_profile"),
    path("candidat/donnees-personnelles/", candidates_account.privacy, name="candidate_privacy"),
    path("candidat/candidater/<int:session_pk>/", candidates_apply.apply, name="candidate_apply"),
    path("candidat/candidatures/<int:pk>/retrait/", candidates_space.withdraw, name="candidate_withdraw"),
    path(
        "candidat/propositions/<int:pk>/accepter/",
        candidates_space.offer_answer,
        {"answer": "accept"},
        name="candidate_offer_accept",
    ),
    path(
        "candidat/propositions/<int:pk>/refuser/",
        candidates_space.offer_answer,
        {"answer": "decline"},
        name="candidate_offer_decline",
    ),
]
