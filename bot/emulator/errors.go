package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is a failed Bot API call, rendered exactly as Telegram does.
type apiError struct {
	code        int
	description string
	retryAfter  int
	migrateTo   int64
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.code, e.description) }

func badRequest(format string, args ...any) *apiError {
	return &apiError{code: http.StatusBadRequest, description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

func forbidden(what string) *apiError {
	return &apiError{code: http.StatusForbidden, description: "Forbidden: " + what}
}

func tooManyRequests(retryAfter int) *apiError {
	if retryAfter < 1 {
		retryAfter = 1
	}
	return &apiError{code: http.StatusTooManyRequests, description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter), retryAfter: retryAfter}
}

func conflict(what string) *apiError {
	return &apiError{code: http.StatusConflict, description: "Conflict: " + what}
}

// Texts that tests and callers match on.
const (
	errTextEmpty        = "message text is empty"
	errTextTooLong      = "message is too long"
	errCaptionTooLong   = "message caption is too long"
	errChatNotFound     = "chat not found"
	errBlocked          = "bot was blocked by the user"
	errCantInitiate     = "bot can't initiate conversation with a user"
	errEditNotFound     = "message to edit not found"
	errNotModified      = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
	errQueryInvalid     = "query is too old and response timeout expired or query ID is invalid"
	errButtonData       = "BUTTON_DATA_INVALID"
	errGroupUpgraded    = "group chat was upgraded to a supergroup chat"
	errConflictPolling  = "terminated by other getUpdates request; make sure that only one bot instance is running"
	errConflictWebhook  = "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
	errUnsupportedParse = "unsupported parse_mode in emulator"
)

var (
	errUnauthorized = &apiError{code: http.StatusUnauthorized, description: "Unauthorized"}
	errNotFound     = &apiError{code: http.StatusNotFound, description: "Not Found"}
)

type responseParameters struct {
	RetryAfter      int   `json:"retry_after,omitempty"`
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
}

type envelope struct {
	OK          bool                `json:"ok"`
	Result      any                 `json:"result,omitempty"`
	ErrorCode   int                 `json:"error_code,omitempty"`
	Description string              `json:"description,omitempty"`
	Parameters  *responseParameters `json:"parameters,omitempty"`
}

// described is a result that Telegram accompanies with a description,
// like setWebhook's "Webhook was set".
type described struct {
	result      any
	description string
}

func writeResult(w http.ResponseWriter, result any) int {
	env := envelope{OK: true, Result: result}
	if d, ok := result.(described); ok {
		env.Result, env.Description = d.result, d.description
	}
	if env.Result == nil {
		// "result" must be present even for empty answers.
		env.Result = json.RawMessage("null")
	}
	return writeJSON(w, http.StatusOK, env)
}

func writeError(w http.ResponseWriter, e *apiError) int {
	env := envelope{OK: false, ErrorCode: e.code, Description: e.description}
	if e.retryAfter > 0 || e.migrateTo != 0 {
		env.Parameters = &responseParameters{RetryAfter: e.retryAfter, MigrateToChatID: e.migrateTo}
	}
	return writeJSON(w, e.code, env)
}

func writeJSON(w http.ResponseWriter, status int, v any) int {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data = []byte(`{"ok":false,"error_code":500,"description":"Internal Server Error: unable to encode the result"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
	return status
}

// badGatewayPage is what a reverse proxy in front of a dead Bot API
// server answers: HTML, not JSON, which is the point of SetDown.
const badGatewayPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

func writeBadGateway(w http.ResponseWriter) int {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusBadGateway)
	_, _ = w.Write([]byte(badGatewayPage))
	return http.StatusBadGateway
}
