from django.urls import path

from .views import public

app_name = "reports"

urlpatterns = [
    path("", public.report_index, name="index"),
    path("<slug:code>/", public.report_detail, name="detail"),
]
