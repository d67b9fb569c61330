from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LISTING_SEARCH_")

    es_url: str = "http://localhost:9200"
    listings_index: str = "listings-v7"
    redis_url: str = "redis://localhost:6379/0"
    page_size: int = 24


settings = Settings()
