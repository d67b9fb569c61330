// Package config loads the gateway configuration from a YAML file and
// GATEWAY_* environment variables (the environment wins).
package config

import (
	"errors"
	"fmt"
	"time"
)

// Config is the whole gateway configuration.
type Config struct {
	Listen   string         `yaml:"listen"`
	Acquirer AcquirerConfig `yaml:"acquirer"`
	Retry    RetryConfig    `yaml:"retry"`

	// Sources says where the values came from, for the startup log.
	Sources []string `yaml:"-"`
}

// AcquirerConfig says where the acquirer gateway is and how long to wait for it.
type AcquirerConfig struct {
	URL     string        `yaml:"url"`
	Timeout time.Duration `yaml:"timeout"`
}

// RetryConfig drives retries of idempotent acquirer calls.
type RetryConfig struct {
	MaxAttempts       int           `yaml:"max_attempts"`
	BaseDelay         time.Duration `yaml:"base_delay"`
	MaxDelay          time.Duration `yaml:"max_delay"`
	PerAttemptTimeout time.Duration `yaml:"per_attempt_timeout"`
}

// Defaults returns the values used for anything the file and the environment
// leave unset.
func Defaults() Config {
	return Config{
		Listen:   ":8080",
		Acquirer: AcquirerConfig{Timeout: 10 * time.Second},
		Retry: RetryConfig{
			MaxAttempts:       3,
			BaseDelay:         50 * time.Millisecond,
			MaxDelay:          time.Second,
			PerAttemptTimeout: 2 * time.Second,
		},
	}
}

// Validate reports the first setting that cannot work.
func (c *Config) Validate() error {
	switch {
	case c.Acquirer.URL == "":
		return errors.New("acquirer.url is required")
	case c.Retry.MaxAttempts < 1:
		return fmt.Errorf("retry.max_attempts must be at least 1, got %d", c.Retry.MaxAttempts)
	case c.Retry.PerAttemptTimeout <= 0:
		return errors.New("retry.per_attempt_timeout must be positive")
	case c.Retry.PerAttemptTimeout > c.Acquirer.Timeout:
		return errors.New("retry.per_attempt_timeout must not exceed acquirer.timeout")
	}
	return nil
}
