"""Shared requests.Session for calls to other services."""
import logging

import requests
from requests.adapters import HTTPAdapter

log = logging.getLogger(__name__)

_session = requests.Session()
_session.mount("https://", HTTPAdapter(pool_connections=8, pool_maxsize=16))
_session.headers["User-Agent"] = "marlowe-storefront/1.0"

DEFAULT_TIMEOUT = (3.05, 5)


def get_json(url, params=None, headers=None, timeout=DEFAULT_TIMEOUT):
    """GET url and return the decoded JSON body. Raises for HTTP errors."""
    resp = _session.get(url, params=params, headers=headers, timeout=timeout)
    resp.raise_for_status()
    return resp.json()


def post_json(url, payload, headers=None, timeout=DEFAULT_TIMEOUT):
    """POST payload as JSON and return the decoded JSON body. Raises for HTTP errors."""
    resp = _session.post(url, json=payload, headers=headers, timeout=timeout)
    resp.raise_for_status()
    return resp.json()
