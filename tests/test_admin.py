"""Issue 11, point 3: the admin of domain models is read-only; reference data is edited there,
through the services (audit)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from aanbesteden.constants import AuditEventType
from aanbesteden.models import AuditEvent, Gemeente, Medewerker, User
from aanbesteden.services import waarom_niet_blokkeren
from aanbesteden.tests.factories import GemeenteFactory, MedewerkerFactory, UserFactory
from trajecten.models import Drempelwaarde, Wijk

pytestmark = pytest.mark.django_db

# Reference data, edited in the admin.
BEWERKBAAR = {Drempelwaarde, Wijk}


def _request(user):
    request = RequestFactory().get("/beheer/")
    request.user = user
    return request


def test_every_domain_model_is_read_only_in_the_admin(beheerder):
    request = _request(beheerder)
    for model, model_admin in admin.site._registry.items():
        if model in BEWERKBAAR:
            continue
        label = model._meta.label
        if model is Gemeente:
            # A gemeente's settings: changed (through the service), never deleted.
            assert not model_admin.has_delete_permission(request), label
        elif model is Medewerker:
            # Officers: added and removed through the service, never edited.
            assert not model_admin.has_change_permission(request, Medewerker()), label
        elif model is User:
            # Only blocking an account.
            assert not model_admin.has_add_permission(request), label
            assert not model_admin.has_delete_permission(request), label
            editable = set(model_admin.fields) - set(model_admin.readonly_fields)
            assert editable == {"is_active"}, label
        else:
            assert not model_admin.has_add_permission(request), label
            assert not model_admin.has_change_permission(request), label
            assert not model_admin.has_delete_permission(request), label
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_add_permission(request, None), (label, inline)
            assert not inline.has_change_permission(request), (label, inline)
            assert not inline.has_delete_permission(request), (label, inline)


def test_no_password_can_be_set_in_the_admin(client, beheerder, burger):
    client.force_login(beheerder)
    response = client.get(f"/beheer/aanbesteden/user/{burger.pk}/password/", follow=True)
    assert b'name="password1"' not in response.content
    response = client.post(
        f"/beheer/aanbesteden/user/{burger.pk}/change/",
        {"email": "overgenomen@voorbeeld.nl", "is_active": "on", "is_platformbeheerder": "on"},
    )
    assert response.status_code == 302
    burger.refresh_from_db()
    assert burger.email != "overgenomen@voorbeeld.nl"
    assert not burger.is_platformbeheerder


def test_an_medewerker_added_in_the_admin_goes_through_the_service(client, beheerder):
    gemeente = GemeenteFactory()
    nieuw = UserFactory()
    client.force_login(beheerder)
    response = client.post(
        "/beheer/aanbesteden/medewerker/add/",
        {"gemeente": gemeente.pk, "user": nieuw.pk, "functie": "beleid"},
    )
    assert response.status_code == 302
    medewerker = Medewerker.objects.get(user=nieuw, gemeente=gemeente)
    event = AuditEvent.objects.get(event_type=AuditEventType.MEDEWERKER_TOEGEVOEGD)
    assert event.actor == beheerder
    assert event.target_id == str(medewerker.pk)

    response = client.post(
        f"/beheer/aanbesteden/medewerker/{medewerker.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Medewerker.objects.filter(pk=medewerker.pk).exists()
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.MEDEWERKER_VERWIJDERD, actor=beheerder
    ).exists()


def test_a_gemeente_changed_in_the_admin_is_in_the_audit_log(client, beheerder):
    gemeente = MedewerkerFactory().gemeente
    client.force_login(beheerder)
    page = client.get(f"/beheer/aanbesteden/gemeente/{gemeente.pk}/change/")
    assert page.status_code == 200
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and key != "logo"
    }
    data.update(
        {
            "naam": "Nieuwe naam",
            "slug": gemeente.slug,
            "design_tokens": '{"primary": "#0b6ea8"}',
            "medewerkers-TOTAL_FORMS": "0",
            "medewerkers-INITIAL_FORMS": "0",
        }
    )
    response = client.post(f"/beheer/aanbesteden/gemeente/{gemeente.pk}/change/", data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [
            (f.formset.prefix, f.formset.errors, f.formset.non_form_errors())
            for f in response.context["inline_admin_formsets"]
        ],
        response.context["errors"],
    )
    gemeente.refresh_from_db()
    assert gemeente.naam == "Nieuwe naam"
    event = AuditEvent.objects.get(event_type=AuditEventType.GEMEENTE_GEWIJZIGD)
    assert event.detail["na"]["naam"] == "Nieuwe naam"


def test_blocking_an_account_in_the_admin_goes_through_the_service(client, beheerder, burger):
    client.force_login(beheerder)
    url = f"/beheer/aanbesteden/user/{burger.pk}/change/"
    response = client.post(url, {})  # the box "is active" unticked
    assert response.status_code == 302
    burger.refresh_from_db()
    assert not burger.is_active
    event = AuditEvent.objects.get(event_type=AuditEventType.ACCOUNT_GEBLOKKEERD)
    assert (event.actor, event.target_id) == (beheerder, str(burger.pk))

    client.post(url, {"is_active": "on"})
    burger.refresh_from_db()
    assert burger.is_active
    assert AuditEvent.objects.filter(event_type=AuditEventType.ACCOUNT_GEDEBLOKKEERD).exists()


def test_the_administrator_cannot_block_itself(client, beheerder):
    client.force_login(beheerder)
    response = client.post(f"/beheer/aanbesteden/user/{beheerder.pk}/change/", {})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["is_active"] == [
        waarom_niet_blokkeren(beheerder, beheerder)
    ]
    beheerder.refresh_from_db()
    assert beheerder.is_active
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ACCOUNT_GEBLOKKEERD).exists()
