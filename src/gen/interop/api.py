"""The JSON API for partners, described in OpenAPI at /api/v1/docs."""

from ninja import NinjaAPI

from gen.catalogue.api import router as catalogue_router

api = NinjaAPI(
    title="GEN Plateforme API",
    version="1",
    description="Open data and services of the GEN Plateforme: the catalogue of labelled courses.",
    urls_namespace="api",
)
api.add_router("/formations", catalogue_router)
