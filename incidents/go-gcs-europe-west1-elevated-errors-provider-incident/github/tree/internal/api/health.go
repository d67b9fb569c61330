package api

import (
	"encoding/json"
	"net/http"
)

func Healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	status := map[string]string{"status": "ok", "bucket": bucketStatus.Load().(string)}
	json.NewEncoder(w).Encode(status)
}
