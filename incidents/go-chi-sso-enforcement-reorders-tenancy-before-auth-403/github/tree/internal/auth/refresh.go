package auth

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/quillstack/workspace-api/internal/store"
)

// SR-14: keep access tokens short; clients refresh on 401.
const accessTokenTTL = 15 * time.Minute

type Refresher struct {
	db       *store.DB
	verifier *Verifier
}

func NewRefresher(db *store.DB, v *Verifier) *Refresher {
	return &Refresher{db: db, verifier: v}
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

// Handle exchanges a refresh token for a new access token.
func (rf *Refresher) Handle(w http.ResponseWriter, r *http.Request) {
	var req refreshRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.RefreshToken == "" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	sess, err := rf.db.SessionByRefreshToken(r.Context(), req.RefreshToken)
	if err != nil {
		http.Error(w, "invalid refresh token", http.StatusUnauthorized)
		return
	}
	access, err := rf.verifier.Issue(sess.UserID, sess.ID, sess.AMR, accessTokenTTL)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	slog.InfoContext(r.Context(), "access token refreshed", "user_id", sess.UserID, "session", sess.ID,
		"ttl", accessTokenTTL)
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": access, "expires_in": int(accessTokenTTL.Seconds())})
}
