from django.urls import path

from . import views

app_name = "campaign"

urlpatterns = [
    path("don-vi/", views.unit_list, name="units"),
]
