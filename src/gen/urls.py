from django.contrib import admin
from django.urls import include, path

from gen.core import views as core_views
from gen.interop.api import api

urlpatterns = [
    path("", core_views.home, name="home"),
    path("comptes/", include("gen.accounts.urls")),
    path("formations/", include("gen.catalogue.urls")),
    path("organisations/", include("gen.organisations.urls")),
    path("", include("gen.labelling.urls")),
    path("", include("gen.admissions.urls")),
    path("cohortes/", include("gen.cohorts.urls")),
    path("", include("gen.outcomes.urls")),
    path("statistiques/", include("gen.stats.urls")),
    path("taches/", include("gen.jobs.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "gen.core.views.bad_request"
handler403 = "gen.core.views.permission_denied"
handler404 = "gen.core.views.page_not_found"
handler500 = "gen.core.views.server_error"
