package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"go.uber.org/zap"
)

type Claims struct {
	jwt.RegisteredClaims
	Scope    string `json:"scope"`
	TenantID string `json:"tid"`
}

type claimsKey struct{}

// Middleware validates the bearer access token issued by auth.orbitly.io (Keycloak).
type Middleware struct {
	log    *zap.Logger
	keys   KeySource
	parser *jwt.Parser
}

func NewMiddleware(log *zap.Logger, keys KeySource, issuer, audience string) *Middleware {
	return &Middleware{
		log:  log,
		keys: keys,
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{"RS256", "ES256"}),
			jwt.WithIssuer(issuer),
			jwt.WithAudience(audience),
			jwt.WithIssuedAt(),
			jwt.WithExpirationRequired(),
			jwt.WithLeeway(5*time.Second),
		),
	}
}

func (m *Middleware) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			unauthorized(w, "invalid_request", "missing bearer token")
			return
		}
		var claims Claims
		if _, err := m.parser.ParseWithClaims(raw, &claims, m.keys.Keyfunc); err != nil {
			reason := rejectReason(err)
			m.log.Warn("jwt validation failed",
				zap.String("reason", reason),
				zap.Error(err),
				zap.String("sub", claims.Subject),
				zap.Time("iat", timeOf(claims.IssuedAt)),
				zap.Time("exp", timeOf(claims.ExpiresAt)),
				zap.Time("server_time", time.Now().UTC()),
				zap.String("path", r.URL.Path))
			unauthorized(w, "invalid_token", reason)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), claimsKey{}, &claims)))
	})
}

// unauthorized answers 401 with an RFC 6750 WWW-Authenticate header and a problem+json body.
func unauthorized(w http.ResponseWriter, code, description string) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="ledger", error=%q, error_description=%q`, code, description))
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusUnauthorized)
	fmt.Fprintf(w, `{"type":"about:blank","title":"Unauthorized","status":401,"detail":%q}`, description)
}

func rejectReason(err error) string {
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return "expired"
	case errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return "used_before_issued"
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return "not_valid_yet"
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return "bad_signature"
	case errors.Is(err, jwt.ErrTokenInvalidIssuer), errors.Is(err, jwt.ErrTokenInvalidAudience):
		return "wrong_issuer_or_audience"
	default:
		return "malformed"
	}
}

func timeOf(d *jwt.NumericDate) time.Time {
	if d == nil {
		return time.Time{}
	}
	return d.Time.UTC()
}

func FromContext(ctx context.Context) (*Claims, bool) {
	c, ok := ctx.Value(claimsKey{}).(*Claims)
	return c, ok
}
