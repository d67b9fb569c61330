package partners

import (
	"sync"
	"time"
)

// Partner is one insurer panel member as configured in partners.yaml.
type Partner struct {
	Code       string        `yaml:"code"`
	Enabled    bool          `yaml:"enabled"`
	Products   []string      `yaml:"products"`
	Timeout    time.Duration `yaml:"timeout"`
	Weight     int           `yaml:"weight"`
}

type Registry struct {
	mu       sync.RWMutex
	partners map[string]Partner
}

func NewRegistry(ps []Partner) *Registry {
	m := make(map[string]Partner, len(ps))
	for _, p := range ps {
		m[p.Code] = p
	}
	return &Registry{partners: m}
}

func (r *Registry) Get(code string) (Partner, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	p, ok := r.partners[code]
	return p, ok
}

func (r *Registry) Enabled() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.partners))
	for code, p := range r.partners {
		if p.Enabled {
			out = append(out, code)
		}
	}
	return out
}
