from appointments.models import Appointment


def appointment_to_dict(a: Appointment) -> dict:
    return {
        "id": a.id,
        "clinic": a.clinic_id,
        "vet": a.vet_id,
        "pet": a.pet_id,
        "starts_at": a.starts_at.isoformat(),
        "scheduled_at": a.starts_at.isoformat(),  # alias for apps < 5.14
        "duration_minutes": a.duration_minutes,
        "status": a.status,
        "reason": a.reason,
    }
