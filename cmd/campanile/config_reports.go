package main

import (
	"errors"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/campanile/campanile/flows/mailer"
)

// reportSettings are the settings of reports: where photos are kept, the
// office email, and the limits citizens meet.
func (c *config) reportSettings() []setting {
	return []setting{
		{"CAMPANILE_MEDIA_DIR", "media-dir", "", "folder for report photos (default: \"media\" beside the database); back it up with the database", false, func(v string) error {
			c.MediaDir = strings.TrimSpace(v)
			return nil
		}},
		{"CAMPANILE_PUBLIC_URL", "public-url", "", "the address staff reach the admin at, such as https://segnalazioni.comune.example.it (used in emails)", false, func(v string) error {
			if v != "" {
				u, err := url.Parse(v)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return errors.New("expected an http(s) URL such as https://segnalazioni.comune.example.it")
				}
			}
			c.PublicURL = strings.TrimRight(v, "/")
			return nil
		}},
		{"CAMPANILE_SMTP_URL", "smtp-url", "", "mail server for the offices' emails: smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465; empty sends no email", true, func(v string) error {
			c.SMTPURL = v
			return nil
		}},
		{"CAMPANILE_MAIL_FROM", "mail-from", "", "sender of the offices' emails, such as \"Comune di Esempio <segnalazioni@comune.example.it>\"", false, func(v string) error {
			c.MailFrom = strings.TrimSpace(v)
			return nil
		}},
		{"CAMPANILE_REPORTS_PER_DAY", "reports-per-day", "5", "how many reports one citizen may file in 24 hours", false, func(v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 1000 {
				return errors.New("expected a number between 1 and 1000")
			}
			c.ReportsPerDay = n
			return nil
		}},
		{"CAMPANILE_ANONYMOUS_REPORTS", "anonymous-reports", "false", "hide citizens' names from staff in the group and in emails", false, func(v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return errors.New("expected true or false")
			}
			c.AnonymousReports = b
			return nil
		}},
		{"CAMPANILE_REOPEN_DAYS", "reopen-days", "7", "days after \"resolved\" in which a citizen may say it is not", false, func(v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 365 {
				return errors.New("expected a number of days between 1 and 365")
			}
			c.ReopenWindow = time.Duration(n) * 24 * time.Hour
			return nil
		}},
	}
}

// checkReports validates the settings that depend on each other, after all
// are read. The mailer's own check names what is wrong without repeating
// the password.
func (c *config) checkReports() error {
	if c.MediaDir == "" {
		c.MediaDir = filepath.Join(filepath.Dir(c.DB), "media")
	}
	if c.SMTPURL == "" {
		return nil
	}
	if c.MailFrom == "" {
		return errors.New("CAMPANILE_MAIL_FROM: expected the sender address when CAMPANILE_SMTP_URL is set")
	}
	if _, err := mailer.New(mailer.Config{URL: c.SMTPURL, From: c.MailFrom}, nil, nil); err != nil {
		if strings.Contains(err.Error(), "sender") {
			return errors.New("CAMPANILE_MAIL_FROM: " + err.Error())
		}
		return errors.New("CAMPANILE_SMTP_URL: " + err.Error())
	}
	return nil
}
