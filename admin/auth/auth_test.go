package auth

import (
	"encoding/base32"
	"strings"
	"testing"
	"time"
)

var fastParams = Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

func TestPasswordHashVerifiesAndAsksForRehashWhenParamsChange(t *testing.T) {
	h, err := HashPassword("correct horse", fastParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("not a PHC string: %s", h)
	}
	if ok, rehash, err := VerifyPassword("correct horse", h, fastParams); !ok || rehash || err != nil {
		t.Errorf("right password: %v %v %v", ok, rehash, err)
	}
	if ok, _, _ := VerifyPassword("wrong horse", h, fastParams); ok {
		t.Error("wrong password accepted")
	}
	stronger := fastParams
	stronger.Time = 2
	if ok, rehash, _ := VerifyPassword("correct horse", h, stronger); !ok || !rehash {
		t.Errorf("params changed: ok %v rehash %v", ok, rehash)
	}
	h2, _ := HashPassword("correct horse", fastParams)
	if h == h2 {
		t.Error("two hashes share a salt")
	}
	for _, bad := range []string{"", "$2a$10$abc", "$argon2id$v=19$m=x$a$b", "$argon2id$v=18$m=1,t=1,p=1$YQ$YQ"} {
		if _, _, err := VerifyPassword("x", bad, fastParams); err == nil {
			t.Errorf("malformed %q accepted", bad)
		}
	}
}

func TestRandomPasswordIsLongAndUnambiguous(t *testing.T) {
	p := RandomPassword(20)
	if len(p) != 20 || strings.ContainsAny(p, "0O1lI") {
		t.Errorf("%q", p)
	}
	if RandomPassword(20) == p {
		t.Error("not random")
	}
}

// RFC 6238 appendix B, SHA-1 column (8 digits, secret "12345678901234567890").
func TestTOTPMatchesRFC6238Vectors(t *testing.T) {
	key := []byte("12345678901234567890")
	cases := []struct {
		unix int64
		want string
	}{
		{59, "94287082"}, {1111111109, "07081804"}, {1111111111, "14050471"},
		{1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
	}
	for _, c := range cases {
		if got := hotp(key, uint64(c.unix)/30, 8); got != c.want {
			t.Errorf("T=%d: %s, want %s", c.unix, got, c.want)
		}
	}
	secret := base32.StdEncoding.EncodeToString(key)
	code, err := TOTPCode(secret, time.Unix(59, 0))
	if err != nil || code != "287082" {
		t.Errorf("6 digits at 59: %s %v", code, err)
	}
}

func TestTOTPAcceptsOneStepEitherSide(t *testing.T) {
	secret := NewTOTPSecret()
	now := time.Unix(1_700_000_000, 0)
	for _, d := range []time.Duration{-30 * time.Second, 0, 30 * time.Second} {
		code, _ := TOTPCode(secret, now.Add(d))
		if !ValidTOTP(secret, code, now) {
			t.Errorf("offset %v refused", d)
		}
	}
	code, _ := TOTPCode(secret, now.Add(90*time.Second))
	if ValidTOTP(secret, code, now) {
		t.Error("a code three steps away accepted")
	}
	if ValidTOTP(secret, "", now) || ValidTOTP(secret, "abcdef", now) {
		t.Error("junk accepted")
	}
	u := TOTPURL("Comune di Esempio", "maria", secret)
	if !strings.HasPrefix(u, "otpauth://totp/Comune%20di%20Esempio:maria?") || !strings.Contains(u, "secret="+secret) {
		t.Errorf("url %s", u)
	}
}
