package admin

import (
	"sync"
	"time"
)

// secretTTL is how long a one-time password waits for the page that shows
// it: the redirect right after the form, so a few minutes are plenty.
const secretTTL = 10 * time.Minute

// oneTimeSecrets carries a freshly issued password from the POST that made
// it to the page the browser is redirected to, once. It lives in memory
// only: the password never enters a URL, a log, the audit or the
// database, and a reload (or a restart) does not show it again; the admin
// then resets the password anew. It is keyed by the admin's session and
// the account, so another admin's browser never sees it.
type oneTimeSecrets struct {
	mu sync.Mutex
	m  map[secretKey]heldSecret
}

type secretKey struct {
	sessionHash string
	accountID   int64
}

type heldSecret struct {
	password string
	expires  time.Time
}

func newOneTimeSecrets() *oneTimeSecrets {
	return &oneTimeSecrets{m: map[secretKey]heldSecret{}}
}

// put keeps password for the session's next view of the account, and
// forgets those nobody came to see.
func (o *oneTimeSecrets) put(now time.Time, sessionHash string, accountID int64, password string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for k, v := range o.m {
		if !now.Before(v.expires) {
			delete(o.m, k)
		}
	}
	o.m[secretKey{sessionHash, accountID}] = heldSecret{password: password, expires: now.Add(secretTTL)}
}

// take returns the password kept for the session and account, and forgets
// it.
func (o *oneTimeSecrets) take(now time.Time, sessionHash string, accountID int64) (string, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	k := secretKey{sessionHash, accountID}
	v, ok := o.m[k]
	delete(o.m, k)
	if !ok || !now.Before(v.expires) {
		return "", false
	}
	return v.password, true
}
