"""Public posts and applicants' own pages (APP-3, APP-7), mounted at the site root under the
`applicants` namespace."""

from django.urls import path

from pecgov.appointments.applicants import views

urlpatterns = [
    path("posts/", views.posts, name="posts"),
    path("posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("posts/<int:pk>/apply/", views.apply, name="apply"),
    path("account/register/", views.register, name="register"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/<int:pk>/", views.my_application, name="my_application"),
    path("applications/<int:pk>/offer/", views.offer_respond, name="offer_respond"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:pk>/data.json", views.my_data, name="my_data"),
]
