package flows

// command names a citizen can type, with the aliases of every language
// mapped to one canonical name.
var commandAliases = map[string]string{
	"start": "start", "menu": "start",
	"topics": "topics", "argomenti": "topics", "themen": "topics",
	"language": "language", "lingua": "language", "sprache": "language",
	"help": "help", "aiuto": "help", "hilfe": "help",
	"privacy": "privacy", "datenschutz": "privacy",
	"mydata": "mydata", "imieidati": "mydata", "meinedaten": "mydata",
	"forget": "forget", "dimenticami": "forget", "vergessen": "forget",
	"stop":   "stop",
	"cancel": "cancel", "annulla": "cancel", "abbrechen": "cancel",
	"report": "report", "segnala": "report", "melden": "report",
	"waste": "waste", "rifiuti": "waste", "muell": "waste",
	"wasteitem": "wasteitem", "dovelobutto": "wasteitem", "whichbin": "wasteitem", "wohindamit": "wasteitem",
	"news": "news", "notizie": "news", "nachrichten": "news",
	"events": "events", "eventi": "events", "veranstaltungen": "events",
	"zona": "place", "place": "place", "ort": "place",
	// Not in the menu: a clerk links their chat with a code from the admin.
	"collega": "link", "link": "link", "verknuepfen": "link",
	"myreports": "myreports", "lemiesegnalazioni": "myreports", "meinemeldungen": "myreports",
}

// CommandInfo is one entry of the command list Telegram shows in the menu.
type CommandInfo struct {
	Command     string
	Description string
}

// menuCommands is, per language, the name shown for each canonical
// command: Italians see /argomenti, everyone else /topics.
var menuCommands = map[string][][2]string{
	"it": {{"argomenti", "topics"}, {"segnala", "report"}, {"lemiesegnalazioni", "myreports"}, {"rifiuti", "waste"}, {"dovelobutto", "wasteitem"}, {"notizie", "news"}, {"eventi", "events"}, {"zona", "place"}, {"lingua", "language"}, {"aiuto", "help"}, {"privacy", "privacy"}, {"imieidati", "mydata"}, {"dimenticami", "forget"}, {"stop", "stop"}},
	"en": {{"topics", "topics"}, {"report", "report"}, {"myreports", "myreports"}, {"waste", "waste"}, {"whichbin", "wasteitem"}, {"news", "news"}, {"events", "events"}, {"place", "place"}, {"language", "language"}, {"help", "help"}, {"privacy", "privacy"}, {"mydata", "mydata"}, {"forget", "forget"}, {"stop", "stop"}},
	"de": {{"themen", "topics"}, {"melden", "report"}, {"meinemeldungen", "myreports"}, {"muell", "waste"}, {"wohindamit", "wasteitem"}, {"nachrichten", "news"}, {"veranstaltungen", "events"}, {"ort", "place"}, {"sprache", "language"}, {"hilfe", "help"}, {"datenschutz", "privacy"}, {"meinedaten", "mydata"}, {"vergessen", "forget"}, {"stop", "stop"}},
}

// Commands returns the command menu for lang, for setMyCommands.
func (e *Engine) Commands(lang string) []CommandInfo {
	var out []CommandInfo
	for _, c := range menuCommands[lang] {
		out = append(out, CommandInfo{Command: c[0], Description: e.cat.T(lang, "cmd."+c[1], nil)})
	}
	return out
}

func (s *session) handleCommand(name string) error {
	canonical, ok := commandAliases[name]
	if !ok {
		s.sendWithMenu(s.t("fallback.command", map[string]any{"Command": "/" + truncate(name, 32)}))
		return nil
	}
	if canonical != "cancel" && canonical != "forget" {
		// A new command leaves whatever conversation was open.
		if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
			return err
		}
	}
	switch canonical {
	case "start":
		s.sendWithMenu(s.t("start.welcome", map[string]any{"Name": s.citizen.FirstName}))
	case "topics":
		return s.showTopics()
	case "language":
		s.showLanguages()
	case "help":
		s.sendWithMenu(s.t("help.text", nil))
	case "privacy":
		s.sendWithMenu(s.t("privacy.text", map[string]any{"Contact": s.e.cfg.PrivacyContact}))
	case "mydata":
		return s.sendMyData()
	case "forget":
		return s.askForget()
	case "stop":
		return s.stopAll()
	case "cancel":
		return s.cancel()
	case "report":
		return s.handleMenu(menuReport)
	case "waste":
		return s.handleMenu(menuWaste)
	case "wasteitem":
		return s.askItem()
	case "news":
		return s.handleMenu(menuNews)
	case "events":
		return s.showPostList(true, 1, false)
	case "place":
		return s.showSavedPlace()
	case "link":
		return s.linkStaffChat()
	case "myreports":
		return s.showMyReports(false)
	}
	return nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
