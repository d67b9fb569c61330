from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    broker_url: str = "redis://localhost:6379/0"
    database_url: str = "postgresql://localhost/reporting"
    # on-prem Ceph RGW (S3 API), run by the storage team; credentials come from the environment
    s3_endpoint: str = "https://s3.dc2.fernhollow.net"
    exports_bucket: str = "rpt-prod-exports"
    thumbs_bucket: str = "rpt-prod-dashboard-thumbs"
    export_retention_days: int = 30


settings = Settings()
