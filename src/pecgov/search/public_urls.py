"""The public search of one trust at /public/<trust>/search/, in the "public_search" namespace (PUB-1)."""

from django.urls import path

from pecgov.search import views

urlpatterns = [path("<slug:trust>/search/", views.public_search, name="search")]
