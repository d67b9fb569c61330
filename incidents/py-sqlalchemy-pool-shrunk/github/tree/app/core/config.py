from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ITINERARY_", env_file=".env", extra="ignore")

    environment: str = "development"
    version: str = "dev"
    database_url: str = Field(default="postgresql+psycopg://itinerary:itinerary@localhost:5432/itinerary")

    # SQLAlchemy connection pool, per uvicorn worker (4 workers per pod).
    # Sized so that 24 pods x 4 workers x 5 stays under RDS max_connections=500.
    db_pool_size: int = 5
    db_max_overflow: int = 0
    db_pool_timeout_s: float = 30.0
    db_pool_recycle_s: int = 1800
    db_statement_timeout_ms: int = 8000

    fares_base_url: str = "http://fares-gateway.pricing.svc.cluster.local"
    fares_timeout_s: float = 4.0

    share_link_secret: str = "dev-only-not-a-secret"
    share_link_ttl_hours: int = 72


@lru_cache
def get_settings() -> Settings:
    return Settings()
