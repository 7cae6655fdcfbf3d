from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from aanbesteden.models import AuditEvent, Document, Gemeente, Medewerker, User

admin.site.site_header = _("Maatschappelijk aanbesteden – administration")
admin.site.site_title = _("Administration")


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

    def has_add_permission(self, request):
        return False
