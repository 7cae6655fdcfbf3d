"""Bids never appear in the admin before the vault is opened (issue 6)."""

from django.contrib import admin

from beoordeling.models import Commissielid


@admin.register(Commissielid)
class CommissielidAdmin(admin.ModelAdmin):
    list_display = ["user", "traject", "is_bewoner"]
    autocomplete_fields = ["user"]
