package transport

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"sync"
	"time"
)

// ClientTLS builds the mTLS client configuration used for every upstream gRPC connection.
// The CA bundle (trust-manager Bundle "platform-trust-bundle") and our client certificate
// (cert-manager Certificate "fleet-gateway-tls") are mounted by the platform.
func ClientTLS(caFile, certFile, keyFile string) (*tls.Config, error) {
	caPEM, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("read CA bundle %s: %w", caFile, err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("no certificates found in %s", caFile)
	}
	reloader, err := newCertReloader(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("load client certificate: %w", err)
	}
	return &tls.Config{
		RootCAs:              pool,
		GetClientCertificate: reloader.get,
		MinVersion:           tls.VersionTLS13,
	}, nil
}

// certReloader re-reads the client key pair when cert-manager rewrites tls.crt.
type certReloader struct {
	certFile, keyFile string
	mu                sync.Mutex
	cert              *tls.Certificate
	modTime           time.Time
	checked           time.Time
}

func newCertReloader(certFile, keyFile string) (*certReloader, error) {
	r := &certReloader{certFile: certFile, keyFile: keyFile}
	if err := r.load(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *certReloader) load() error {
	fi, err := os.Stat(r.certFile)
	if err != nil {
		return err
	}
	cert, err := tls.LoadX509KeyPair(r.certFile, r.keyFile)
	if err != nil {
		return err
	}
	r.cert, r.modTime = &cert, fi.ModTime()
	return nil
}

func (r *certReloader) get(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if time.Since(r.checked) > time.Minute {
		r.checked = time.Now()
		if fi, err := os.Stat(r.certFile); err == nil && fi.ModTime().After(r.modTime) {
			if err := r.load(); err != nil {
				return r.cert, nil // keep serving the previous certificate
			}
		}
	}
	return r.cert, nil
}

// PoolSubjects lists the subjects of the CA certificates in cfg.RootCAs, for the startup log.
func PoolSubjects(cfg *tls.Config) []string {
	var out []string
	for _, s := range cfg.RootCAs.Subjects() { //nolint:staticcheck // only used for logging
		out = append(out, string(s))
	}
	return out
}
