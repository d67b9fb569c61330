package middleware

import "net/http"

// Middleware wraps a handler with extra behaviour.
type Middleware func(http.Handler) http.Handler

// Chain is an ordered list of middleware; the first one is the outermost.
type Chain []Middleware

// New returns a chain of the given middleware, outermost first.
func New(m ...Middleware) Chain {
	return append(Chain(nil), m...)
}

// Then wraps h in every middleware of the chain.
func (c Chain) Then(h http.Handler) http.Handler {
	for i := len(c) - 1; i >= 0; i-- {
		h = c[i](h)
	}
	return h
}
