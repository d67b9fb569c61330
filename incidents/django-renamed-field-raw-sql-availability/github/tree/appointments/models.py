from django.db import models


class Clinic(models.Model):
    name = models.CharField(max_length=120)
    timezone = models.CharField(max_length=64, default="Europe/London")
    opens_at = models.TimeField()
    closes_at = models.TimeField()

    def __str__(self):
        return self.name


class Vet(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="vets")
    display_name = models.CharField(max_length=120)
    active = models.BooleanField(default=True)


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked"
        CHECKED_IN = "checked_in"
        COMPLETED = "completed"
        CANCELLED = "cancelled"
        NO_SHOW = "no_show"

    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="appointments")
    vet = models.ForeignKey(Vet, on_delete=models.PROTECT, related_name="appointments")
    pet_id = models.CharField(max_length=32)
    owner_id = models.CharField(max_length=32)
    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(default=20)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.BOOKED)
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.pet_id} with {self.vet_id} at {self.starts_at:%Y-%m-%d %H:%M}"
