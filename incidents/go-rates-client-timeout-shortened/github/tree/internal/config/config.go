package config

import (
	"fmt"
	"os"
	"time"

	"gopkg.in/yaml.v3"
)

type Config struct {
	Env           string        `yaml:"env"`
	ListenAddr    string        `yaml:"listen_addr"`
	RatesEngine   RatesEngine   `yaml:"rates_engine"`
	FuelSurcharge FuelSurcharge `yaml:"fuel_surcharge"`
}

type RatesEngine struct {
	BaseURL string        `yaml:"base_url"`
	Timeout time.Duration `yaml:"timeout"`
}

type FuelSurcharge struct {
	Table string `yaml:"table"`
}

func Load(path string) (*Config, error) {
	if path == "" {
		path = "config/production.yaml"
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	cfg := &Config{ListenAddr: ":8080", RatesEngine: RatesEngine{Timeout: 5 * time.Second}}
	if err := yaml.Unmarshal(raw, cfg); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	if cfg.RatesEngine.BaseURL == "" {
		return nil, fmt.Errorf("rates_engine.base_url is required")
	}
	return cfg, nil
}
