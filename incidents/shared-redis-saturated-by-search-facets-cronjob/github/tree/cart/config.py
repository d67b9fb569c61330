from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CART_")

    redis_url: str
    redis_socket_timeout: float = 1.5
    redis_connect_timeout: float = 2.0
    redis_max_connections: int = 64
    cart_ttl_seconds: int = 60 * 60 * 24 * 14
    promotions_url: str = "http://promotions-api.promotions.svc.cluster.local:8080"
    log_level: str = "INFO"


settings = Settings()
