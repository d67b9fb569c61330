"""Uploads finished artefacts to the object store (Ceph RGW, S3 API)."""
import logging
import mimetypes
from urllib.parse import quote

import boto3
from botocore.config import Config

from reports.settings import settings

log = logging.getLogger(__name__)

_s3 = None


def client():
    global _s3
    if _s3 is None:
        _s3 = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint,
            region_name="default",
            config=Config(retries={"max_attempts": 4, "mode": "standard"}, s3={"addressing_style": "path"}),
        )
    return _s3


def upload_bytes(bucket: str, key: str, body: bytes, content_type: str | None = None,
                 filename: str | None = None) -> str:
    """Store body under s3://bucket/key and return that URL."""
    content_type = content_type or mimetypes.guess_type(key)[0] or "application/octet-stream"
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}" if filename else "attachment"
    client().put_object(Bucket=bucket, Key=key, Body=body, ContentType=content_type, ContentDisposition=disposition)
    log.info("uploaded s3://%s/%s (%d bytes)", bucket, key, len(body))
    return f"s3://{bucket}/{key}"
