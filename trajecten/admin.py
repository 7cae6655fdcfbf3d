from django.contrib import admin

from trajecten.models import Traject


@admin.register(Traject)
class TrajectAdmin(admin.ModelAdmin):
    list_display = ["titel", "gemeente", "status", "inschrijving_sluit"]
    list_filter = ["status", "gemeente"]
    search_fields = ["titel"]
    readonly_fields = ["status", "gepubliceerd_op", "aangemaakt_door"]
