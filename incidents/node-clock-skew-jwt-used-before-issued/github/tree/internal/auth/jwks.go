package auth

import (
	"context"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
)

type KeySource interface {
	Keyfunc(*jwt.Token) (any, error)
}

// NewJWKS fetches https://auth.orbitly.io/realms/orbitly/protocol/openid-connect/certs and
// refreshes it every 10 minutes (and on unknown kid, at most once a minute).
func NewJWKS(ctx context.Context, url string) (KeySource, error) {
	return keyfunc.NewDefaultOverrideCtx(ctx, []string{url}, keyfunc.Override{
		RefreshInterval:   10 * time.Minute,
		RateLimitWaitMax:  time.Minute,
	})
}
