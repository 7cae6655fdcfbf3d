from django.contrib import admin

from coalities.models import Lidmaatschap, Organisatie


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "type"]
    list_filter = ["type"]
    search_fields = ["naam"]
    inlines = [LidmaatschapInline]
