"""URLs of the labelling public pages (included by gen.labelling.urls)."""

urlpatterns: list = []
