"""URLs of the labelling team pages (included by gen.labelling.urls): the national team and reviewers."""

from django.urls import path

from gen.labelling.views import team_call, team_calls, team_decision, team_reviews

urlpatterns = [
    # The national team.
    path("appels/", team_calls.team_calls, name="team_calls"),
    path("nouvel-appel/", team_calls.call_new, name="call_new"),
    path("appels/<slug:slug>/", team_call.team_call, name="team_call"),
    path(
        "appels/<slug:slug>/publier/",
        team_calls.call_change_state,
        {"action": "publish"},
        name="call_publish",
    ),
    path("appels/<slug:slug>/clore/", team_calls.call_change_state, {"action": "close"}, name="call_close"),
    path(
        "appels/<slug:slug>/decide/",
        team_calls.call_change_state,
        {"action": "decided"},
        name="call_mark_decided",
    ),
    path("dossiers/<int:pk>/instructeurs/", team_call.team_assign, name="team_assign"),
    path(
        "dossiers/<int:pk>/instructeurs/<int:assignment_pk>/retirer/",
        team_call.team_unassign,
        name="team_unassign",
    ),
    path("dossiers/<int:pk>/decision/", team_decision.decision, name="decision"),
    # Reviewers.
    path("instruction/", team_reviews.assignments, name="assignments"),
    path("instruction/<int:pk>/", team_reviews.review, name="review"),
]
