"""URLs of the labelling dossiers pages (included by gen.labelling.urls)."""

urlpatterns: list = []
