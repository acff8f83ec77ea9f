package specgen

import (
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	api := `{"version":"Bot API 9.9","release_date":"May 1, 2026","methods":{
		"sendMessage":{"name":"sendMessage","fields":[
			{"name":"chat_id","types":["Integer","String"],"required":true,"description":"d"},
			{"name":"text","types":["String"],"required":true,"description":"d"},
			{"name":"reply_markup","types":["InlineKeyboardMarkup"],"required":false,"description":"d"}]},
		"getMe":{"name":"getMe"}},
		"types":{}}`
	got, err := Generate([]byte(api))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"version":"Bot API 9.9","release_date":"May 1, 2026",
"methods": {
"getMe": {"fields":{}},
"sendMessage": {"fields":{"chat_id":{"required":true,"types":["Integer","String"]},"reply_markup":{"required":false,"types":["InlineKeyboardMarkup"]},"text":{"required":true,"types":["String"]}}}
}}
`
	if string(got) != want {
		t.Errorf("Generate:\n%s\nwant:\n%s", got, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct{ label, in, err string }{
		{"not JSON", `{"methods":`, "decode api.json"},
		{"no methods", `{"version":"x","methods":{}}`, "lists no methods"},
		{"field without types", `{"methods":{"m":{"fields":[{"name":"a"}]}}}`, "method m has a field without name or types"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if _, err := Decode([]byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Decode(%s) error = %v, want it to mention %q", tt.in, err, tt.err)
			}
		})
	}
}
