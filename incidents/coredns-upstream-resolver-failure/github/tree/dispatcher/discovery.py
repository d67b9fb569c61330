"""Service discovery for internal HTTP services through Kubernetes SRV records."""
import logging
import random
from dataclasses import dataclass

import dns.asyncresolver
import dns.exception

log = logging.getLogger(__name__)

CLUSTER_DOMAIN = "svc.cluster.local"


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int


async def lookup_endpoints(service: str, namespace: str = "notify", port_name: str = "http") -> list[Endpoint]:
    """Endpoints behind the headless Service `service`, from its SRV record.

    The SRV name is logged on failure: "discovery failed: The DNS operation timed out"
    did not say which service we were looking up.
    """
    name = f"_{port_name}._tcp.{service}.{namespace}.{CLUSTER_DOMAIN}"
    try:
        answer = await dns.asyncresolver.resolve(name, "SRV", lifetime=5.0)
    except dns.exception.DNSException:
        log.exception("SRV lookup failed for %s", name)
        raise
    return [Endpoint(str(r.target).rstrip("."), r.port) for r in answer]


async def pick(service: str, namespace: str = "notify") -> str:
    """Base URL of one ready endpoint of `service`.

    When the SRV lookup fails we fall back to the ClusterIP Service name: the connection
    still needs DNS, but one A lookup instead of SRV + A halves the queries sent to CoreDNS.
    """
    try:
        endpoints = await lookup_endpoints(service, namespace)
    except dns.exception.DNSException:
        return f"http://{service}.{namespace}.{CLUSTER_DOMAIN}:8080"
    ep = random.choice(endpoints)
    return f"http://{ep.host}:{ep.port}"
