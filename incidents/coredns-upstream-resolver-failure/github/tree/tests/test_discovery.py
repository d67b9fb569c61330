import dns.exception
import pytest

from dispatcher import discovery


async def test_pick_returns_http_url(monkeypatch):
    class R:
        def __init__(self, target, port):
            self.target, self.port = target, port

    async def fake_resolve(name, rdtype, lifetime):
        assert name == "_http._tcp.template-service.notify.svc.cluster.local"
        return [R("template-service-0.template-service.notify.svc.cluster.local.", 8080)]

    monkeypatch.setattr(discovery.dns.asyncresolver, "resolve", fake_resolve)
    assert await discovery.pick("template-service") == "http://template-service-0.template-service.notify.svc.cluster.local:8080"


async def test_resolve_srv_reraises(monkeypatch):
    async def boom(*a, **k):
        raise dns.exception.Timeout()

    monkeypatch.setattr(discovery.dns.asyncresolver, "resolve", boom)
    with pytest.raises(dns.exception.Timeout):
        await discovery.lookup_endpoints("template-service")
