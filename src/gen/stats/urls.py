from django.urls import path

from gen.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.national, name="national"),
    path("methodologie/", views.methodology, name="methodology"),
    path("region/", views.regional, name="regional"),
    path("organisation/", views.organisation, name="organisation"),
    path("export.<str:fmt>", views.export_national, name="export_national"),
    path("region/export.<str:fmt>", views.export_scoped, {"kind": "region"}, name="export_region"),
    path(
        "organisation/export.<str:fmt>",
        views.export_scoped,
        {"kind": "organisation"},
        name="export_organisation",
    ),
]
