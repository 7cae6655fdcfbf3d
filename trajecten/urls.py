from django.urls import path

from trajecten import views

app_name = "trajecten"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/overzicht-pdf/", views.overzicht_pdf, name="overzicht_pdf"),
]
