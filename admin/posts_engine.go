package admin

import (
	"context"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// postEngine is what the publishing pages ask of the flows: render a post
// as citizens see it, count and reach its audience, steer a broadcast and
// send a clerk their own copy. Declared here, where it is used; the
// engine must keep satisfying it, which the build checks below.
type postEngine interface {
	RenderPost(p store.Post, lang string) []flows.Message
	CountRecipients(ctx context.Context, st *store.Store, p store.Post) (int, error)
	PublishPost(ctx context.Context, st *store.Store, postID int64) (int, error)
	UpdateEmergency(ctx context.Context, st *store.Store, alertID int64, update store.Post) (int, error)
	CancelBroadcast(ctx context.Context, st *store.Store, postID int64) (int, error)
	SendToClerk(ctx context.Context, st *store.Store, p store.Post, chatID int64) error
}

var _ postEngine = (*flows.Engine)(nil)

// posts is the engine, or errNoEngine for a server built without flows
// (it can list posts but not preview or send them).
func (s *Server) posts() (postEngine, error) {
	if s.opt.Engine == nil {
		return nil, errNoEngine
	}
	return s.opt.Engine, nil
}
