from django.urls import path

from .views import compare, exports, imports, public

app_name = "reports"

urlpatterns = [
    path("", public.report_index, name="index"),
    path("so-sanh/", compare.compare, name="compare"),
    path("<slug:code>/", public.report_detail, name="detail"),
    path("<slug:code>/xuat/", exports.export_list, name="exports"),
    path("<slug:code>/xuat/tao/", exports.export_create, name="export_create"),
    path("<slug:code>/xuat/<int:pk>/", exports.export_status, name="export_status"),
    path("<slug:code>/xuat/<int:pk>/tai-ve/", exports.export_download, name="export_download"),
    path("<slug:code>/nhap-so-lieu/", imports.values_import, name="values_import"),
    path("<slug:code>/nhap-so-lieu/mau.xlsx", imports.values_import_template, name="values_import_template"),
]
