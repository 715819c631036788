"""Admissions pages: candidates (/candidat/), prescribers (/prescripteur/), selection teams (/selection/)."""

from gen.admissions import urls_candidates, urls_prescribers, urls_rounds, urls_selection

app_name = "admissions"

urlpatterns = [
    *urls_candidates.urlpatterns,
    *urls_prescribers.urlpatterns,
    *urls_selection.urlpatterns,
    *urls_rounds.urlpatterns,
]
