from django.contrib import admin

from appointments.models import Appointment, Clinic, Vet


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ("id", "clinic", "vet", "pet_id", "starts_at", "status")
    list_filter = ("status", "clinic")
    date_hierarchy = "starts_at"
    search_fields = ("pet_id", "owner_id")


admin.site.register(Clinic)
admin.site.register(Vet)
