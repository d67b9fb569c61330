from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("appointments", "0029_vet_active"),
    ]

    operations = [
        migrations.AddField(
            model_name="appointment",
            name="reason",
            field=models.CharField(blank=True, max_length=200),
        ),
    ]
