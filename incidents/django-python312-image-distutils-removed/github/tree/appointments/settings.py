import environ

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["appointments.meadowlane.example"])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    "rest_framework",
    "clinics",
    "scheduling",
]

DATABASES = {"default": env.db("DATABASE_URL")}
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": env("CACHE_REDIS_URL")}}
REALTIME_REDIS_URL = env("REALTIME_REDIS_URL")

STATIC_ROOT = "/app/staticfiles"
STATIC_URL = "/static/"
