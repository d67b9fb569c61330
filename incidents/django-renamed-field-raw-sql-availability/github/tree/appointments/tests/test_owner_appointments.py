import datetime

from django.test import TestCase

from appointments.models import Appointment, Clinic, Vet


class OwnerAppointmentsTest(TestCase):
    def setUp(self):
        self.clinic = Clinic.objects.create(name="Ashgrove Leeds", opens_at=datetime.time(8), closes_at=datetime.time(18))
        self.vet = Vet.objects.create(clinic=self.clinic, display_name="Dr Okoro")

    def test_lists_newest_first(self):
        for day in (3, 1, 2):
            Appointment.objects.create(
                clinic=self.clinic, vet=self.vet, pet_id="p1", owner_id="o1",
                starts_at=datetime.datetime(2026, 6, day, 9, tzinfo=datetime.timezone.utc),
            )
        r = self.client.get("/api/v1/owners/o1/appointments")
        days = [a["starts_at"][:10] for a in r.json()["appointments"]]
        self.assertEqual(days, ["2026-06-03", "2026-06-02", "2026-06-01"])
