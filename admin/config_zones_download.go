package admin

import (
	"fmt"
	"net/http"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

func (s *Server) configZonesDownload() http.HandlerFunc {
	return s.zonesDownload(store.ZoneKindZone, "zone.geojson")
}

func (s *Server) configBoundaryDownload() http.HandlerFunc {
	return s.zonesDownload(store.ZoneKindBoundary, "confine.geojson")
}

// zonesDownload writes the stored zones of a kind as a FeatureCollection
// named by "name": the file to edit in QGIS and upload again. A zone
// whose stored shape no longer reads is left out (the zones page flags
// it) rather than making the whole file unreadable.
func (s *Server) zonesDownload(kind, filename string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		stored, err := s.st.Zones(r.Context(), kind)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		zones, unreadable := flows.StoredZones(stored)
		for _, z := range unreadable {
			s.log.Warn("zone left out of the download", "zone_id", z.ID, "kind", kind)
		}
		body, err := flows.ZonesGeoJSON(zones)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "application/geo+json")
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", filename))
		h.Set("Cache-Control", "no-store")
		if r.Method != http.MethodHead {
			_, _ = w.Write(body)
		}
	}
}
