from collections.abc import Iterable

from allauth.account.decorators import secure_admin_login
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from aanbesteden import services
from aanbesteden.models import AuditEvent, Document, Gemeente, Medewerker, User

admin.site.site_header = _("Maatschappelijk aanbesteden – administration")
admin.site.site_title = _("Administration")

# The admin has no login of its own: Django's password-only form would skip the site's
# throttling and its second step (TOTP). Whoever is not logged in is sent to the site's login;
# the two-factor middleware refuses every path to a staff session without the second step.
admin.site.login = secure_admin_login(admin.site.login)

# Second factors and e-mail addresses are never shown or edited here: the TOTP secret would
# give the administrator every officer's second step, and an address changed here would let
# the administrator take over an account by a password reset.
# Groups are not used: rights come from the rows that give them.
for _model in (Authenticator, EmailAddress, EmailConfirmation, Group):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


# Sealed objects (bids): the documents about them and the audit events about them and their
# documents never show in the admin. Later apps add the prefix of their target types with
# `verzegeld_registreren` in their AppConfig.ready(); the core does not import them.
# Events about other objects that a bid causes (a coalition locked by its submission) are
# registered by their type.
VERZEGELDE_DOELEN: set[str] = set()
VERZEGELDE_GEBEURTENISSEN: set[str] = set()


def verzegeld_registreren(
    target_type_prefix: str | None = None, *, event_types: Iterable[str] = ()
) -> None:
    if target_type_prefix:
        VERZEGELDE_DOELEN.add(target_type_prefix)
    VERZEGELDE_GEBEURTENISSEN.update(str(event_type) for event_type in event_types)


def _verzegeld(veld: str = "target_type") -> Q:
    q = Q(pk__in=[])
    for prefix in sorted(VERZEGELDE_DOELEN):
        q |= Q(**{f"{veld}__startswith": prefix})
    return q


class AlleenLezen:
    """Read-only in the admin: the services are the only way to change these (they lock, check,
    write the audit event and tell the people concerned)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MedewerkerInline(AlleenLezen, admin.TabularInline):
    model = Medewerker
    fields = ["user", "functie"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    """A gemeente's own settings are reference data, kept here; saving goes through the core's
    services, so that every change is in the audit log. Its officers are read-only here and
    added on the officers' admin page (through the service)."""

    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [MedewerkerInline]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        velden = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            services.gemeente_instellingen_wijzigen(actor=request.user, gemeente=obj, **velden)
        else:
            velden.pop("naam", None)
            velden.pop("slug", None)
            gemeente = services.gemeente_aanmaken(
                actor=request.user, naam=obj.naam, slug=obj.slug, **velden
            )
            obj.pk = gemeente.pk


class MedewerkerForm(forms.ModelForm):
    class Meta:
        model = Medewerker
        fields = ["gemeente", "user", "functie"]


@admin.register(Medewerker)
class MedewerkerAdmin(admin.ModelAdmin):
    """Officers are added here through `services.medewerker_toevoegen` (audit event), and
    removed through `services.medewerker_verwijderen`; existing rows are not edited."""

    form = MedewerkerForm
    list_display = ["user", "gemeente", "functie"]
    list_filter = ["gemeente", "functie"]
    list_select_related = ["user", "gemeente"]
    search_fields = ["user__email", "user__naam"]
    autocomplete_fields = ["user"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        medewerker = services.medewerker_toevoegen(
            actor=request.user,
            gemeente=form.cleaned_data["gemeente"],
            user=form.cleaned_data["user"],
            functie=form.cleaned_data["functie"],
        )
        obj.pk = medewerker.pk

    def delete_model(self, request, obj):
        services.medewerker_verwijderen(actor=request.user, medewerker=obj)

    def delete_queryset(self, request, queryset):
        for medewerker in queryset:
            services.medewerker_verwijderen(actor=request.user, medewerker=medewerker)


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["is_active"]

    def clean_is_active(self):
        actief = self.cleaned_data["is_active"]
        if actief != self.instance.is_active and (
            reden := services.waarom_niet_blokkeren(self.actor, self.instance)
        ):
            raise forms.ValidationError(reden)
        return actief


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Accounts are seen here; only blocking and unblocking an account is done here.

    No password, e-mail address or rights can be changed in the admin: whoever holds the
    administrator's password could otherwise take over a bidder's account and read its sealed
    bid. People change their own password and address; rights come from the rows that give
    them (officers above; organisations and committees through their own pages)."""

    ordering = ["email"]
    list_display = ["email", "naam", "is_platformbeheerder", "is_active"]
    search_fields = ["email", "naam"]
    list_filter = ["is_platformbeheerder", "is_active"]
    fields = [
        "email",
        "naam",
        "is_active",
        "is_platformbeheerder",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    ]
    readonly_fields = [name for name in fields if name != "is_active"]

    def has_add_permission(self, request):
        return False

    form = UserForm

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        return type(form_class.__name__, (form_class,), {"actor": request.user})

    def save_model(self, request, obj, form, change):
        """Blocking goes through the service (audit event), never a direct save."""
        services.account_blokkeren(
            actor=request.user, user=obj, actief=form.cleaned_data["is_active"]
        )

    def has_delete_permission(self, request, obj=None):
        return False


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
            .exclude(event_type__in=sorted(VERZEGELDE_GEBEURTENISSEN))
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

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
