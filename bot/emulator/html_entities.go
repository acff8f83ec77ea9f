package emulator

import (
	"net/url"
	"strings"
)

// decodeEntity decodes the character reference at s[i] == '&'. n is the
// number of bytes consumed, 0 when the '&' starts no reference and stays
// literal. As in Telegram the ';' is optional and only &lt; &gt; &amp;
// &quot; are known by name.
func decodeEntity(s string, i int) (r rune, n int, err error) {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		base := rune(10)
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			base, j = 16, j+1
		}
		start := j
		for ; j < len(s); j++ {
			d := hexValue(s[j])
			if d < 0 || d >= base {
				break
			}
			if r = r*base + d; r >= 0x10ffff {
				return 0, 0, nil
			}
		}
		if j == start || r == 0 || r >= 0xd800 && r <= 0xdfff || j-i >= 10 {
			return 0, 0, nil
		}
	} else {
		for j < len(s) && isAlpha(s[j]) {
			j++
		}
		switch name := s[i+1 : j]; name {
		case "lt":
			r = '<'
		case "gt":
			r = '>'
		case "amp":
			r = '&'
		case "quot":
			r = '"'
		default:
			if name != "" && j < len(s) && s[j] == ';' {
				return 0, 0, parseErr("Unsupported HTML entity \"&%s;\" at byte offset %d", name, i)
			}
			return 0, 0, nil
		}
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	return r, j - i, nil
}

func hexValue(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || '0' <= c && c <= '9' }

// linkURL validates an href the way Telegram does for text links: http(s)
// with a host (a bare domain gets "http://"), or a tg:// or ton:// link;
// anything else is dropped. Telegram reports http(s) URLs with a path,
// so "https://comune.example" comes back as "https://comune.example/".
func linkURL(href string) (string, bool) {
	href = strings.TrimSpace(href)
	scheme, rest, found := strings.Cut(href, ":")
	if !found || !isScheme(scheme) || isPort(rest) {
		scheme, rest, href = "http", "//"+href, "http://"+href
	}
	switch strings.ToLower(scheme) {
	case "tg", "ton":
		return href, strings.TrimLeft(rest, "/") != ""
	case "http", "https":
	default:
		return "", false
	}
	u, err := url.Parse(href)
	if err != nil || u.Hostname() == "" || !strings.HasPrefix(rest, "//") {
		return "", false
	}
	if u.Path == "" {
		at := len(scheme) + len("://")
		end := strings.IndexAny(href[at:], "?#")
		if end < 0 {
			return href + "/", true
		}
		return href[:at+end] + "/" + href[at+end:], true
	}
	return href, true
}

func isScheme(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.' {
			return false
		}
	}
	return true
}

// isPort tells "comune.example:8080/x" (a host and port) from a scheme.
func isPort(rest string) bool {
	n := 0
	for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
		n++
	}
	return n > 0 && (n == len(rest) || strings.IndexByte("/?#", rest[n]) >= 0)
}
