import os


class Config:
    RELEASE = os.environ.get("RELEASE", "dev")
    DATABASE_URL = os.environ["DATABASE_URL"]
    PIM_API_URL = os.environ.get("PIM_API_URL", "https://pim.internal.marlowe-outdoor.example/api")
    PIM_TIMEOUT_S = float(os.environ.get("PIM_TIMEOUT_S", "3"))
    PAYMENTS_API_URL = os.environ.get("PAYMENTS_API_URL", "https://payments.internal.marlowe-outdoor.example/v2")
    PAYMENTS_TIMEOUT_S = float(os.environ.get("PAYMENTS_TIMEOUT_S", "4"))
    LOYALTY_API_URL = os.environ.get("LOYALTY_API_URL", "")
    LOYALTY_API_KEY = os.environ.get("LOYALTY_API_KEY", "")
    CATALOG_CACHE_TTL_S = int(os.environ.get("CATALOG_CACHE_TTL_S", "60"))
