package emutest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/campanile/campanile/bot/emulator/internal/specgen"
)

// EnvAPIJSON names the environment variable that points the check at an
// api.json elsewhere than ../shared/telegram next to the repository.
const EnvAPIJSON = "CAMPANILE_TELEGRAM_API_JSON"

// API is the full Bot API description: methods and the types their JSON
// parameters are made of, so nested objects can be checked too.
type API struct {
	Version string
	methods map[string]*object // by lower-case name: Telegram ignores case
	types   map[string]*object
}

// object is a method or a type. A union type (InputMedia, BotCommandScope)
// has subtypes instead of fields; a subtype usually fixes the value of its
// discriminating field ("type", "status", "source").
type object struct {
	name      string
	fields    map[string]specgen.Field
	order     []string // field names as documented, for stable reports
	subtypes  []string
	discField string
	discValue string
}

// discriminatorRE finds the fixed value in descriptions such as
// "Type of the media, must be photo" or `Scope type, always "chat"`.
var discriminatorRE = regexp.MustCompile(`(?:must be|always) "?([a-z_]+)"?`)

// LoadAPI reads and indexes api.json.
func LoadAPI(path string) (*API, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("emutest: read Bot API description: %w", err)
	}
	f, err := specgen.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("emutest: %s: %w", path, err)
	}
	a := &API{Version: f.Version, methods: map[string]*object{}, types: map[string]*object{}}
	for key, m := range f.Methods {
		o := newObject(key, m)
		a.methods[strings.ToLower(o.name)] = o
	}
	for key, t := range f.Types {
		o := newObject(key, t)
		a.types[o.name] = o
	}
	return a, nil
}

func newObject(key string, src specgen.Object) *object {
	o := &object{name: src.Name, fields: map[string]specgen.Field{}, subtypes: src.Subtypes}
	if o.name == "" {
		o.name = key
	}
	for _, f := range src.Fields {
		o.fields[f.Name] = f
		o.order = append(o.order, f.Name)
		if len(src.SubtypeOf) > 0 && o.discField == "" && (f.Name == "type" || f.Name == "status" || f.Name == "source") {
			if m := discriminatorRE.FindStringSubmatch(f.Description); m != nil {
				o.discField, o.discValue = f.Name, m[1]
			}
		}
	}
	return o
}

func (a *API) method(name string) (*object, bool) {
	m, ok := a.methods[strings.ToLower(name)]
	return m, ok
}

// FindAPIJSON locates api.json: the file named by $CAMPANILE_TELEGRAM_API_JSON
// if set, else ../shared/telegram/api.json beside the module root (the
// directory holding go.mod above the working directory). It returns the
// path it looked at, and false when that file does not exist, as in a
// user's clone that has no ../shared.
func FindAPIJSON() (string, bool) {
	if p := os.Getenv(EnvAPIJSON); p != "" {
		return p, isFile(p)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if isFile(filepath.Join(dir, "go.mod")) {
			p := filepath.Join(dir, "..", "shared", "telegram", "api.json")
			return p, isFile(p)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// loaded caches api.json by path: every test that starts an emulator
// checks against it, and parsing 900 KB each time would add up.
var loaded sync.Map // path -> func() (*API, error)

func loadCached(path string) (*API, error) {
	once, _ := loaded.LoadOrStore(path, sync.OnceValues(func() (*API, error) { return LoadAPI(path) }))
	return once.(func() (*API, error))()
}
