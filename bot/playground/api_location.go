package playground

import (
	"net/http"

	"github.com/campanile/campanile/bot/emulator"
)

type locationRequest struct {
	Lat    *float64 `json:"lat"`
	Lon    *float64 `json:"lon"`
	Preset string   `json:"preset"`
}

// apiLocation shares a point, as the paper-clip's Location does: a map
// click arrives as a location, a preset place as a venue (its name and
// the comune as address), the way Telegram sends a place picked from its
// list.
func (p *Playground) apiLocation(w http.ResponseWriter, r *http.Request) {
	c, e := p.chatOf(r)
	if e != nil {
		writeError(w, e)
		return
	}
	if c.isGroup() {
		writeError(w, badRequest("private_only", "locations are shared by citizens, in their private chats"))
		return
	}
	var req locationRequest
	if e := decodeJSON(w, r, &req); e != nil {
		writeError(w, e)
		return
	}
	var m emulator.Message
	switch {
	case req.Preset != "" && (req.Lat != nil || req.Lon != nil):
		writeError(w, badRequest("bad_location", "send either lat and lon, or a preset, not both"))
		return
	case req.Preset != "":
		place, ok := p.place(req.Preset)
		if !ok {
			writeError(w, notFound("unknown_preset", "no preset place %q", req.Preset))
			return
		}
		m = c.user.SendVenue(place.Lat, place.Lon, place.Name, p.cfg.Comune)
	case req.Lat == nil || req.Lon == nil:
		writeError(w, badRequest("bad_location", "lat and lon are both required"))
		return
	case !validLatLon(*req.Lat, *req.Lon):
		writeError(w, badRequest("bad_location", "lat must be within -90..90 and lon within -180..180"))
		return
	default:
		m = c.user.SendLocation(*req.Lat, *req.Lon)
	}
	writeJSON(w, http.StatusOK, map[string]any{"message": p.view(m)})
}

func (p *Playground) place(name string) (Place, bool) {
	for _, pl := range p.cfg.Places {
		if pl.Name == name {
			return pl, true
		}
	}
	return Place{}, false
}
