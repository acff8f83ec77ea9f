package main

import (
	"errors"
	"net/netip"
	"strings"
	"time"
)

// adminSettings are the settings of the web admin: which reverse proxies
// are believed about the client's address and scheme, and how long a
// clerk's session lasts.
func (c *config) adminSettings() []setting {
	return []setting{
		{"CAMPANILE_TRUSTED_PROXIES", "trusted-proxies", "127.0.0.0/8,::1/128", "reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For and X-Forwarded-Proto are believed; \"none\" believes nobody", false, func(v string) error {
			prefixes, err := parseTrustedProxies(v)
			if err != nil {
				return err
			}
			c.TrustedProxies = prefixes
			return nil
		}},
		{"CAMPANILE_SESSION_IDLE", "session-idle", "8h", "a clerk idle this long is signed out (a duration such as 30m or 8h)", false, func(v string) error {
			d, err := time.ParseDuration(v)
			if err != nil || d < 5*time.Minute || d > 7*24*time.Hour {
				return errors.New("expected a duration between 5m and 168h, such as 8h")
			}
			c.SessionIdle = d
			return nil
		}},
	}
}

// parseTrustedProxies reads "10.0.0.1, 192.168.0.0/16"; an address alone is
// a prefix of its full length. "none" is an empty, explicit list.
func parseTrustedProxies(v string) ([]netip.Prefix, error) {
	out := []netip.Prefix{}
	if strings.TrimSpace(v) == "none" {
		return out, nil
	}
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, errors.New("expected IP addresses or CIDR ranges separated by commas, such as 10.0.0.1,192.168.0.0/16, or none; " + part + " is neither")
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	if len(out) == 0 {
		return nil, errors.New("expected IP addresses or CIDR ranges separated by commas, or none")
	}
	return out, nil
}
