from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from aanbesteden.models import AuditEvent, Document, Gemeente, Medewerker, User

admin.site.site_header = _("Maatschappelijk aanbesteden – administration")
admin.site.site_title = _("Administration")


# Sealed objects (bids): the documents about them and the audit events about them and their
# documents never show in the admin. Later apps add the prefix of their target types with
# `verzegeld_registreren` in their AppConfig.ready(); the core does not import them.
VERZEGELDE_DOELEN = set()


def verzegeld_registreren(target_type_prefix):
    VERZEGELDE_DOELEN.add(target_type_prefix)


def _verzegeld(veld="target_type"):
    q = Q(pk__in=[])
    for prefix in sorted(VERZEGELDE_DOELEN):
        q |= Q(**{f"{veld}__startswith": prefix})
    return q


class MedewerkerInline(admin.TabularInline):
    model = Medewerker
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [MedewerkerInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "naam", "is_platformbeheerder", "is_active"]
    search_fields = ["email", "naam"]
    list_filter = ["is_platformbeheerder", "is_active"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("naam", "notificatie_voorkeur")}),
        (
            _("Rights"),
            {"fields": ("is_active", "is_platformbeheerder", "is_staff", "is_superuser")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the database refuses changes anyway."""

    list_display = ["created_at", "event_type", "actor", "target_type", "target_id"]
    list_filter = ["event_type"]

    def get_queryset(self, request):
        verzegelde_documenten = (
            Document.objects.filter(_verzegeld())
            .annotate(pk_tekst=Cast("pk", CharField()))
            .values("pk_tekst")
        )
        return (
            super()
            .get_queryset(request)
            .exclude(_verzegeld())
            .exclude(target_type="aanbesteden.document", target_id__in=verzegelde_documenten)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["titel", "status", "pogingen", "created_at", "sha256"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Document._meta.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(_verzegeld())

    def has_add_permission(self, request):
        return False
