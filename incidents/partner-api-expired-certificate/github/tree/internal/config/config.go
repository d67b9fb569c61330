package config

import (
	"crypto/tls"
	"fmt"
	"os"
	"time"

	"gopkg.in/yaml.v3"
)

// HTTPClient is one entry of config/http_clients.yaml.
type HTTPClient struct {
	BaseURL         string        `yaml:"base_url"`
	Timeout         time.Duration `yaml:"timeout"`
	MaxIdleConns    int           `yaml:"max_idle_conns"`
	IdleConnTimeout time.Duration `yaml:"idle_conn_timeout"`
	TLSMinVersion   string        `yaml:"tls_min_version"`
	Retries         int           `yaml:"retries"`
	RetryBackoff    time.Duration `yaml:"retry_backoff"`
}

// TLSVersion maps "1.2"/"1.3" to the crypto/tls constant.
func (c HTTPClient) TLSVersion() uint16 {
	if c.TLSMinVersion == "1.3" {
		return tls.VersionTLS13
	}
	return tls.VersionTLS12
}

type HTTPClients struct {
	TradeLink HTTPClient `yaml:"tradelink"`
	HSLookup  HTTPClient `yaml:"hs_lookup"`
}

func LoadHTTPClients(path string) (HTTPClients, error) {
	var c HTTPClients
	b, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("read %s: %w", path, err)
	}
	if err := yaml.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("parse %s: %w", path, err)
	}
	return c, nil
}
