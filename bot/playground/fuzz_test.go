package playground

import (
	"fmt"
	"net/http"
	"testing"
)

// FuzzJSONEndpoints sends arbitrary bodies to every JSON endpoint: an
// answer may refuse them, never fail with a 500 or a panic.
//
//	go test ./bot/playground -fuzz FuzzJSONEndpoints -fuzztime 30s
func FuzzJSONEndpoints(f *testing.F) {
	for _, seed := range []string{
		`{"text":"Ciao"}`, `{"text":"x","reply_to":1,"as":5000000101}`, `{"lat":45.07,"lon":7.68}`,
		`{"preset":"Municipio"}`, `{"message_id":1,"data":"t:3"}`, `{}`, `[]`, `null`, `{"lat":1e400}`,
		`{"as":"-1"}`, `{"reply_to":-5}`, `{"text":"\u0000"}`,
	} {
		f.Add(seed)
	}
	fx := newFixture(f, Config{})
	fx.botSendsKeyboard(maria)
	f.Fuzz(func(t *testing.T, body string) {
		fx := *fx
		fx.t = t // the fuzz target may only use its own T
		for _, chat := range []int64{maria, group, 1} {
			for _, action := range []string{"text", "location", "press", "contact"} {
				rec := fx.do(request{method: http.MethodPost, path: fmt.Sprintf("/playground/api/chats/%d/%s", chat, action), body: []byte(body), ctype: "application/json"})
				if rec.Code >= 500 {
					t.Fatalf("%s %q: %d %s", action, body, rec.Code, rec.Body.String())
				}
			}
		}
	})
}
