"""ASGI entrypoint: Django plus the server-sent events endpoint for live slot
updates (scheduling.live)."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "appointments.settings")

# Initialise Django (app registry, settings) before importing anything that
# touches models.
django_asgi_app = get_asgi_application()

# The live-updates app wraps Django: /live/slots/<clinic_id> is served by it,
# everything else falls through to Django.
from scheduling.live import SlotUpdatesApp  # noqa: E402

application = SlotUpdatesApp(django_asgi_app)
