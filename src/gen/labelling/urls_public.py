"""URLs of the labelling public pages (included by gen.labelling.urls)."""

from django.urls import path

from gen.labelling.views import labels, public

urlpatterns = [
    path("labellisation/appels/", public.calls, name="calls"),
    path("labellisation/appels/<slug:slug>/", public.call_detail, name="call"),
    path("labels/", public.register_page, name="register"),
    path("labels/export.csv", public.register_csv, name="register_csv"),
    path("labels/<int:pk>/", labels.label_detail, name="label"),
    path("labels/<int:pk>/statut/", labels.label_change, name="label_change"),
]
