import base64
import hashlib
import logging
import os
from pathlib import Path

import paramiko

log = logging.getLogger(__name__)

HOST = os.environ.get("NORDVIK_SFTP_HOST", "sftp.nordvik-wholesale.example")
USER = os.environ.get("NORDVIK_SFTP_USER", "harbourline")
WORKDIR = Path(os.environ.get("FEEDS_WORKDIR", "/work"))
# SHA256 fingerprint of Nordvik's ed25519 host key, confirmed with them by phone 2026-07-09.
HOST_KEY_SHA256 = os.environ.get("NORDVIK_SFTP_HOST_KEY_SHA256", "q3Zr0v6kM1xJ8yTn2LbW5cF9hP4sD7gA0eR3uK6iO1Q")


class HostKeyMismatch(Exception):
    pass


def _verify_host_key(transport: paramiko.Transport) -> None:
    key = transport.get_remote_server_key()
    fingerprint = base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip("=")
    if fingerprint != HOST_KEY_SHA256:
        raise HostKeyMismatch(f"{HOST} presented {key.get_name()} SHA256:{fingerprint}")
    log.info("host key verified", extra={"host": HOST, "key_type": key.get_name()})


def fetch(remote_dir: str, file_name: str) -> Path:
    """Download one file from the partner SFTP into the work dir and return its path."""
    transport = paramiko.Transport((HOST, 22))
    try:
        transport.start_client(timeout=30)
        _verify_host_key(transport)
        transport.auth_password(USER, os.environ["NORDVIK_SFTP_PASSWORD"])
        client = paramiko.SFTPClient.from_transport(transport)
        listing = {a.filename: a.st_size for a in client.listdir_attr(remote_dir)}
        log.info("remote listing", extra={"host": HOST, "dir": remote_dir, "files": listing})
        if file_name not in listing:
            raise FileNotFoundError(f"{remote_dir}/{file_name} not on {HOST}")
        local = WORKDIR / file_name
        client.get(f"{remote_dir}/{file_name}", str(local))
        return local
    finally:
        transport.close()
