from django.urls import path

from pecgov.home import views

urlpatterns = [
    path("", views.home, name="home"),
    # ADM-5: allauth's sign-in; sign-out and the other sign-in pages are pecgov.accounts.urls.
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/", views.sign_in, name="account_login"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
]
