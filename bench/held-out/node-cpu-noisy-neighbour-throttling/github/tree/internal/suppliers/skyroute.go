package suppliers

import (
	"context"
	"net/http"
	"time"

	"github.com/peakline/search-gateway/internal/model"
)

// Skyroute is the NDC adapter for Skyroute Airlines. Disabled unless SUPPLIER_SKYROUTE=on.
type Skyroute struct {
	http    *http.Client
	baseURL string
}

func (s *Skyroute) Name() string            { return "skyroute" }
func (s *Skyroute) Budget() time.Duration   { return 900 * time.Millisecond }

func (s *Skyroute) Search(ctx context.Context, q SupplierQuery) ([]model.Offer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.baseURL+"/ndc/AirShopping", q.NDCBody())
	if err != nil {
		return nil, err
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return decodeAirShoppingRS(resp.Body)
}
