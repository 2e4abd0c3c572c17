from django.urls import path

from pecgov.interests import views

urlpatterns = [
    path("mine/", views.my_declarations, name="my_declarations"),
    path("register/", views.register, name="register"),
    path("overdue/", views.overdue, name="overdue"),
    path("people/<int:pk>/", views.person_interests, name="person_interests"),
    path("people/<int:pk>/declare/", views.declaration_create, name="declaration_create"),
    path("people/<int:pk>/return/", views.interest_return, name="interest_return"),
    path("declarations/<int:pk>/edit/", views.declaration_edit, name="declaration_edit"),
    path("declarations/<int:pk>/publication/", views.declaration_withhold, name="declaration_withhold"),
]
