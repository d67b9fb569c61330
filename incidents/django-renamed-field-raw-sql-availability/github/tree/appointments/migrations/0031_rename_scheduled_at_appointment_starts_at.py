from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("appointments", "0030_appointment_reason"),
    ]

    operations = [
        migrations.RenameField(
            model_name="appointment",
            old_name="scheduled_at",
            new_name="starts_at",
        ),
        migrations.AlterModelOptions(
            name="appointment",
            options={"ordering": ["starts_at"]},
        ),
    ]
