from django.db import migrations


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("appointments", "0031_rename_scheduled_at_appointment_starts_at"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX CONCURRENTLY IF NOT EXISTS appt_owner_status_idx "
                "ON appointments_appointment (owner_id, status)",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS appt_owner_status_idx",
        ),
    ]
