package tenancy

import (
	"context"
	"errors"
)

var ErrNotFound = errors.New("workspace not found")

type Workspace struct {
	ID         string
	Name       string
	RequireSSO bool
	members    map[string]string // user id -> role
}

// HasMember reports whether userID belongs to the workspace. The empty user id never does.
func (w *Workspace) HasMember(userID string) bool {
	if userID == "" {
		return false
	}
	_, ok := w.members[userID]
	return ok
}

type Store interface {
	Get(ctx context.Context, id string) (*Workspace, error)
}
