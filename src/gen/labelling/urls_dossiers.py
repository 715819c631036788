"""URLs of the labelling dossiers pages (included by gen.labelling.urls under "espace/dossiers/")."""

from django.urls import path

from gen.labelling.views import dossiers, dossiers_items, dossiers_page, dossiers_submit

urlpatterns = [
    path("", dossiers.dossiers, name="dossiers"),
    path("nouveau/", dossiers.application_new, name="application_new"),
    path("nouvelle-formation/", dossiers.application_new_course, name="application_new_course"),
    path("<int:pk>/", dossiers_page.application_detail, name="application"),
    path("<int:pk>/sections/<slug:section>/", dossiers_page.application_section, name="application_section"),
    path("<int:pk>/budget/apercu/", dossiers_page.budget_preview, name="application_budget_preview"),
    path("<int:pk>/cofinancements/", dossiers_items.co_funding_new, name="co_funding_add"),
    path(
        "<int:pk>/cofinancements/<int:co_funding_pk>/suppression/",
        dossiers_items.co_funding_delete,
        name="co_funding_remove",
    ),
    path("<int:pk>/pieces/", dossiers_items.attachment_new, name="attachment_add"),
    path("<int:pk>/pieces/<int:attachment_pk>/", dossiers_items.attachment_download, name="attachment"),
    path(
        "<int:pk>/pieces/<int:attachment_pk>/suppression/",
        dossiers_items.attachment_delete,
        name="attachment_remove",
    ),
    path("<int:pk>/depot/", dossiers_submit.application_submit_confirm, name="application_submit"),
]
