package httpapi

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/quillstack/workspace-api/internal/auth"
	"github.com/quillstack/workspace-api/internal/docs"
	"github.com/quillstack/workspace-api/internal/obs"
	"github.com/quillstack/workspace-api/internal/tenancy"
)

type Deps struct {
	Verifier  *auth.Verifier
	Refresher *auth.Refresher
	Tenants   tenancy.Store
	Docs      *docs.Service
}

func NewRouter(d Deps) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(middleware.RealIP)
	r.Use(obs.AccessLog)
	r.Use(middleware.Recoverer)

	r.Get("/healthz", healthz)
	r.Post("/v1/auth/refresh", d.Refresher.Handle)

	r.Group(func(r chi.Router) {
		// the workspace must be known before authenticating, see auth.requireSSO
		r.Use(tenancy.Resolve(d.Tenants))
		r.Use(auth.Authenticate(d.Verifier))

		r.Get("/v1/me", me)
		r.Route("/v1/workspaces/{workspaceID}", func(r chi.Router) {
			r.Get("/", getWorkspace(d.Docs))
			r.Get("/docs", listDocs(d.Docs))
			r.Post("/docs", createDoc(d.Docs))
			r.Get("/docs/{docID}", getDoc(d.Docs))
			r.Patch("/docs/{docID}", patchDoc(d.Docs))
			r.Get("/members", listMembers(d.Docs))
		})
	})
	return r
}
