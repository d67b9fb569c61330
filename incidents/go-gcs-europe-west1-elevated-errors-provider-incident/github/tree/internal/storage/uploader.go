package storage

import (
	"context"
	"fmt"
	"io"
	"time"

	gcs "cloud.google.com/go/storage"
)

// Uploader writes rendered assets to the assets bucket.
type Uploader struct {
	bucket *gcs.BucketHandle
}

func NewUploader(c *gcs.Client, bucket string) *Uploader {
	return &Uploader{bucket: c.Bucket(bucket)}
}

func (u *Uploader) Put(ctx context.Context, name, contentType string, r io.Reader) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	w := u.bucket.Object(name).Retryer(gcs.WithPolicy(gcs.RetryAlways)).NewWriter(ctx)
	w.ContentType = contentType
	w.ChunkSize = 16 << 20
	w.CacheControl = "public, max-age=31536000, immutable"
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return fmt.Errorf("upload %s: %w", name, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("finalize %s: %w", name, err)
	}
	return nil
}
