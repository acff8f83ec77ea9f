package flows

import "github.com/campanile/campanile/flows/richtext"

// feedItemHTML is a feed item's body as a citizen may receive it: the
// site's HTML reduced to what Telegram accepts.
func feedItemHTML(html string) string { return richtext.Sanitize(html) }
