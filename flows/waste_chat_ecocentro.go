package flows

import (
	"errors"
	"strings"

	"github.com/campanile/campanile/store"
)

// The ecocentro's address and opening hours are settings staff keep up to
// date; the chat only reads them.
const (
	SettingEcocentroAddress = "waste.ecocentro.address"
	SettingEcocentroHours   = "waste.ecocentro.hours"
)

// ecocentro is what the comune said about its recycling centre; either
// part may be missing.
type ecocentro struct {
	Address string
	Hours   string
}

func (e ecocentro) known() bool { return e.Address != "" || e.Hours != "" }

func (s *session) ecocentro() (ecocentro, error) {
	var e ecocentro
	for _, f := range []struct {
		key string
		dst *string
	}{{SettingEcocentroAddress, &e.Address}, {SettingEcocentroHours, &e.Hours}} {
		v, err := s.st.Setting(s.ctx, f.key)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return e, err
		}
		*f.dst = strings.TrimSpace(v)
	}
	return e, nil
}

// showEcocentro answers "Centro di raccolta", kindly when nothing is set.
func (s *session) showEcocentro() error {
	e, err := s.ecocentro()
	if err != nil {
		return err
	}
	if !e.known() {
		s.send(s.t("wastechat.eco_unset", nil), nil)
		return nil
	}
	lines := []string{s.t("wastechat.eco_title", nil)}
	if e.Address != "" {
		lines = append(lines, s.t("wastechat.eco_address", map[string]any{"Address": e.Address}))
	}
	if e.Hours != "" {
		lines = append(lines, s.t("wastechat.eco_hours", map[string]any{"Hours": e.Hours}))
	}
	s.send(strings.Join(lines, "\n"), nil)
	return nil
}

// askEcocentro is the way out when the dictionary does not know an item:
// the ecocentro's contact if the comune gave it, else the office.
func (s *session) askEcocentro() (string, error) {
	e, err := s.ecocentro()
	if err != nil {
		return "", err
	}
	if !e.known() {
		return s.t("wastechat.item_ask_office", nil), nil
	}
	return s.t("wastechat.item_ask_eco", map[string]any{"Contact": e.contact()}), nil
}

// contact is the address and hours on one line, for a sentence.
func (e ecocentro) contact() string {
	return strings.TrimSuffix(strings.Join(nonEmpty(e.Address, e.Hours), ", "), ".")
}

func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
