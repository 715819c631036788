"""URLs of the labelling team pages (included by gen.labelling.urls)."""

urlpatterns: list = []
