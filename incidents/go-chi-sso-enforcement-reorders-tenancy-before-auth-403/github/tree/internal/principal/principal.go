// Package principal carries the authenticated caller in the request context.
package principal

import "context"

type Claims struct {
	UserID    string
	SessionID string
	AMR       []string // authentication methods, e.g. ["pwd"], ["sso"]
}

type ctxKey struct{}

func With(ctx context.Context, c Claims) context.Context {
	return context.WithValue(ctx, ctxKey{}, c)
}

// From returns the caller's claims, or the zero Claims if the request is anonymous.
func From(ctx context.Context) Claims {
	c, _ := ctx.Value(ctxKey{}).(Claims)
	return c
}
