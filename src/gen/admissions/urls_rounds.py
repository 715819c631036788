"""The pages of national rounds: candidates order their wishes, organisations see their sessions' results,
the national team follows the campaigns and starts their rounds."""

from django.urls import path

from gen.admissions.views import rounds

urlpatterns = [
    path("candidat/campagnes/", rounds.candidate_campaigns, name="round_candidate_campaigns"),
    path("candidat/campagnes/<slug:slug>/voeux/", rounds.wishes, name="round_wishes"),
    path("selection/campagnes/", rounds.campaigns, name="round_campaigns"),
    path("selection/campagnes/<slug:slug>/", rounds.campaign_sessions, name="round_campaign"),
    path(
        "selection/campagnes/<slug:slug>/sessions/<int:pk>/figer/",
        rounds.session_freeze,
        name="round_session_freeze",
    ),
    path("equipe/campagnes/", rounds.team_campaigns, name="team_campaigns"),
    path("equipe/campagnes/<slug:slug>/", rounds.team_campaign, name="team_campaign"),
    path("equipe/campagnes/<slug:slug>/lancer/", rounds.team_round_start, name="team_round_start"),
]
