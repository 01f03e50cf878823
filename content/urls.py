from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("tin-bai/", views.article_list, name="articles"),
    path("tai-lieu/", views.material_list, name="materials"),
]
