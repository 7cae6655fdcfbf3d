from django.contrib import admin
from django.urls import include, path

from aanbesteden import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("meldingen/", views.notificaties, name="notificaties"),
    path("meldingen/gelezen/", views.notificaties_gelezen, name="notificaties_gelezen"),
    path("meldingen/voorkeur/", views.notificatie_voorkeur, name="notificatie_voorkeur"),
    path("documenten/<uuid:uuid>/", views.document_detail, name="document_detail"),
    path("documenten/<uuid:uuid>/pdf/", views.document_download, name="document_download"),
    path("gemeenten/<slug:slug>/thema.css", views.gemeente_thema, name="gemeente_thema"),
    path("gemeenten/<slug:slug>/logo/", views.gemeente_logo, name="gemeente_logo"),
    path("health/", views.HealthView.as_view(), name="health"),
    path("trajecten/", include("trajecten.urls")),
    path("organisaties/", include("coalities.urls")),
    path("beoordeling/", include("beoordeling.urls")),
    path("verantwoording/", include("verantwoording.urls")),
    path("beheer/", admin.site.urls),
]

# No route serves MEDIA_ROOT, not even with DEBUG: documents, receipts and
# attachments are handed out only by views that check who asks (document_download,
# the bid attachment views); the one public file, a gemeente's logo, by gemeente_logo.
