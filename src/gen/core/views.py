from django.shortcuts import render
from django.views.decorators.http import require_safe

from gen.catalogue.selectors import catalogue_key_figures


@require_safe
def home(request):
    return render(request, "core/home.html", {"figures": catalogue_key_figures()})


def bad_request(request, exception=None):
    return render(request, "core/error.html", {"status": 400}, status=400)


def permission_denied(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


def page_not_found(request, exception=None):
    return render(request, "core/error.html", {"status": 404}, status=404)


def server_error(request):
    return render(request, "core/error.html", {"status": 500}, status=500)
