"""The selection workspace of training organisations (/selection/…)."""

from django.urls import path

from gen.admissions.views import selection, selection_application, selection_offers, selection_ranking

urlpatterns = [
    path("selection/", selection.sessions, name="selection_sessions"),
    path("selection/sessions/<int:pk>/", selection.session_applicants, name="selection_session"),
    path("selection/sessions/<int:pk>/candidatures.csv", selection.export_csv, name="selection_export_csv"),
    path(
        "selection/sessions/<int:pk>/candidatures.xlsx", selection.export_xlsx, name="selection_export_xlsx"
    ),
    path("selection/sessions/<int:pk>/classement/", selection_ranking.ranking, name="selection_ranking"),
    path(
        "selection/sessions/<int:pk>/classement/par-note/",
        selection_ranking.rank_by_score,
        name="selection_rank_by_score",
    ),
    path("selection/sessions/<int:pk>/taux/", selection_offers.rates, name="selection_rates"),
    path("selection/sessions/<int:pk>/propositions/", selection_offers.offers, name="selection_offers"),
    path(
        "selection/sessions/<int:pk>/propositions/publier/",
        selection_offers.publish,
        name="selection_publish",
    ),
    path(
        "selection/candidatures/<int:pk>/",
        selection_application.application_detail,
        name="selection_application",
    ),
]
