"""Bearer-token authentication: Entra ID (adjusters) and partner-idp (repair shops)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from claims_intake.settings import Settings, get_settings

log = logging.getLogger(__name__)
bearer = HTTPBearer(auto_error=True)


@dataclass(frozen=True)
class Principal:
    kind: str  # "adjuster" | "partner"
    subject: str
    scopes: frozenset[str]

    def __str__(self) -> str:
        return f"{self.kind}:{self.subject}"


@lru_cache(maxsize=8)
def _jwks_client(url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=600)


def _issuer_config(settings: Settings, token: str) -> tuple[str, str, str]:
    """Pick JWKS and audience from the (not yet verified) issuer claim."""
    unverified = jwt.decode(token, options={"verify_signature": False})
    iss = unverified.get("iss")
    if iss == settings.entra_issuer:
        return iss, settings.entra_jwks_url, settings.entra_audience
    if iss in settings.partner_issuers:
        return iss, settings.partner_issuers[iss], settings.partner_audience
    log.info("token from unknown issuer %r", iss)
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")


def current_principal(
    creds: HTTPAuthorizationCredentials = Depends(bearer),
    settings: Settings = Depends(get_settings),
) -> Principal:
    token = creds.credentials
    try:
        issuer, jwks_url, audience = _issuer_config(settings, token)
        signing_key = _jwks_client(jwks_url).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            signing_key.key,
            algorithms=["RS256"],
            audience=audience,
            issuer=issuer,
            leeway=settings.token_leeway_seconds,
        )
    except (jwt.ExpiredSignatureError, jwt.InvalidAudienceError, jwt.InvalidIssuerError) as exc:
        log.warning("token rejected: %s", exc)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    except (jwt.DecodeError, jwt.PyJWKClientError) as exc:
        log.warning("token not verifiable: %s", exc)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc

    kind = "adjuster" if issuer == settings.entra_issuer else "partner"
    if kind == "partner" and issuer.endswith("-eu"):
        kind = "partner-eu"
    # partner-idp puts the numeric shop account id in "sub"
    scopes = frozenset(str(claims.get("scp") or claims.get("scope") or "").split())
    return Principal(kind=kind, subject=str(claims["sub"]), scopes=scopes)


def require_scope(scope: str):
    def _check(principal: Principal = Depends(current_principal)) -> Principal:
        if scope not in principal.scopes:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"missing scope {scope}")
        return principal

    return _check
