"""Labelling: public pages (calls, register), organisations' dossiers, the national team and reviewers."""

from django.urls import include, path

app_name = "labelling"

urlpatterns = [
    path("", include("gen.labelling.urls_public")),
    path("espace/dossiers/", include("gen.labelling.urls_dossiers")),
    path("espace/labellisation/", include("gen.labelling.urls_team")),
]
