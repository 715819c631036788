"""The JSON API for partners, described in OpenAPI at /api/v1/docs."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from gen.catalogue.api import router as catalogue_router
from gen.catalogue.jobs_api import router as jobs_router
from gen.stats.api import router as stats_router

api = NinjaAPI(
    title="GEN Plateforme API",
    version="1",
    description="Open data and services of the GEN Plateforme: the catalogue of labelled courses and the ROME trades.",
    urls_namespace="api",
)
api.add_router("/formations", catalogue_router)
api.add_router("/metiers", jobs_router)
api.add_router("/statistiques", stats_router)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    """Parameters refused before reaching a view: a 400 in French naming each faulty parameter."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        name = str(error.get("loc", ["?"])[-1])
        errors.setdefault(name, []).append(f"Valeur invalide pour « {name} ».")
    return api.create_response(request, {"detail": "Paramètres invalides.", "errors": errors}, status=400)
