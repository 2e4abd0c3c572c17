"""URLs (filled in by the pages)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path


def _placeholder(request: HttpRequest) -> HttpResponse:  # replaced by the real page
    raise Http404


urlpatterns = [path("", _placeholder, name="catalogue")]
