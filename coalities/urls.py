from django.urls import path

from coalities import views

app_name = "coalities"
urlpatterns = [
    path("<int:pk>/", views.organisatie, name="organisatie"),
]
