// Package emulator is an in-process Telegram Bot API server. It speaks the
// real HTTP protocol (the same multipart, JSON and urlencoded bodies, the
// same {"ok":...} envelopes, status codes and error texts), so the bot's
// production code path can run against it unchanged, and it exposes a
// driver API that plays the people on the other side: citizens writing in
// private chats, staff writing in groups, buttons being pressed.
//
// Tests use it through net/http/httptest; the offline playground serves it
// at runtime, which is why nothing here imports "testing".
//
// What it deliberately does not emulate: inline mode, payments, business
// connections, forums, channels, MarkdownV2 parsing, automatic link and
// mention detection in bot messages, and resizing of photos (every size of
// a photo downloads as the original bytes).
package emulator
