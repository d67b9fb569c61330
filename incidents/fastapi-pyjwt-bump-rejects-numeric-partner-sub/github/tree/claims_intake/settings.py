from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMS_", env_file=".env", extra="ignore")

    database_url: str
    docstore_bucket: str = "brm-claims-documents-prod"
    parts_pricing_url: str = "https://parts-pricing.internal.brackenridge.example"

    # Adjusters sign in with Entra ID.
    entra_issuer: str = "https://login.microsoftonline.com/5b0a2e47-6c1d-4f8e-9a3b-7e2d1c0f4a56/v2.0"
    entra_jwks_url: str = "https://login.microsoftonline.com/5b0a2e47-6c1d-4f8e-9a3b-7e2d1c0f4a56/discovery/v2.0/keys"
    entra_audience: str = "api://claims-intake"

    # Repair shops (body-shop network) sign in with partner-idp: one realm per region.
    partner_issuers: dict[str, str] = {
        "https://partner-idp.brackenridge.example/realms/bodyshops":
            "https://partner-idp.brackenridge.example/realms/bodyshops/protocol/openid-connect/certs",
        "https://partner-idp.brackenridge.example/realms/bodyshops-eu":
            "https://partner-idp.brackenridge.example/realms/bodyshops-eu/protocol/openid-connect/certs",
    }
    partner_audience: str = "claims-intake"

    token_leeway_seconds: int = Field(default=30, ge=0, le=300)


@lru_cache
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]
