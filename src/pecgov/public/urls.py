from django.urls import path

from pecgov.public import views

urlpatterns = [
    path("", views.public_home, name="public_home"),
    path("register/", views.public_register, name="public_register"),
    path("register.csv", views.public_register_csv, name="public_register_csv"),
]
