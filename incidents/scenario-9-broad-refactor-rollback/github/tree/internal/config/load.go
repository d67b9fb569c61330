package config

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"
)

// Load reads the YAML file at path over the defaults, then applies the
// GATEWAY_* overrides that lookup finds (os.LookupEnv in production).
func Load(path string, lookup func(string) (string, bool)) (*Config, error) {
	cfg := Defaults()
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := yaml.Unmarshal(raw, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cfg.Sources = append(cfg.Sources, "file:"+path)

	n, err := applyEnv(&cfg, lookup)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		cfg.Sources = append(cfg.Sources, fmt.Sprintf("env(%d)", n))
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &cfg, nil
}

// applyEnv overwrites cfg with the GATEWAY_* variables that are set and
// returns how many it used.
func applyEnv(cfg *Config, lookup func(string) (string, bool)) (int, error) {
	n := 0
	var err error
	str := func(name string, dst *string) {
		if v, ok := lookup(name); ok {
			*dst = v
			n++
		}
	}
	dur := func(name string, dst *time.Duration) {
		if v, ok := lookup(name); ok && err == nil {
			var d time.Duration
			if d, err = time.ParseDuration(v); err != nil {
				err = fmt.Errorf("%s: %w", name, err)
				return
			}
			*dst = d
			n++
		}
	}
	num := func(name string, dst *int) {
		if v, ok := lookup(name); ok && err == nil {
			var i int
			if i, err = strconv.Atoi(v); err != nil {
				err = fmt.Errorf("%s: %w", name, err)
				return
			}
			*dst = i
			n++
		}
	}
	str("GATEWAY_LISTEN", &cfg.Listen)
	str("GATEWAY_ACQUIRER_URL", &cfg.Acquirer.URL)
	dur("GATEWAY_ACQUIRER_TIMEOUT", &cfg.Acquirer.Timeout)
	num("GATEWAY_RETRY_MAX_ATTEMPTS", &cfg.Retry.MaxAttempts)
	dur("GATEWAY_RETRY_PER_ATTEMPT_TIMEOUT", &cfg.Retry.PerAttemptTimeout)
	return n, err
}
