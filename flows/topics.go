package flows

import (
	"errors"
	"fmt"
	"strings"

	"github.com/campanile/campanile/store"
)

const (
	markOn  = "✅"
	markOff = "⬜"
)

func (s *session) showTopics() error {
	text, buttons, err := s.topLevel()
	if err != nil {
		return err
	}
	s.send(text, buttons)
	return nil
}

// topLevel renders the first level: topics with subtopics open a second
// keyboard; the others toggle directly.
func (s *session) topLevel() (string, [][]Button, error) {
	all, err := s.st.AllTopics(s.ctx)
	if err != nil {
		return "", nil, err
	}
	var topics []store.Topic
	children := map[int64][]store.Topic{}
	for _, t := range all {
		if t.ParentID == 0 {
			topics = append(topics, t)
		} else {
			children[t.ParentID] = append(children[t.ParentID], t)
		}
	}
	if len(topics) == 0 {
		return s.t("topics.none", nil), nil, nil
	}
	subs, err := s.st.SubscribedTopicIDs(s.ctx, s.citizen.ID)
	if err != nil {
		return "", nil, err
	}
	var rows [][]Button
	for _, t := range topics {
		kids := children[t.ID]
		if len(kids) == 0 {
			rows = append(rows, []Button{{Text: mark(subs[t.ID]) + " " + t.Name(s.lang), Data: cbData(cbTopicToggle, t.ID)}})
			continue
		}
		on := 0
		for _, c := range kids {
			if subs[c.ID] {
				on++
			}
		}
		label := fmt.Sprintf("%s %s (%d/%d) ›", mark(on > 0), t.Name(s.lang), on, len(kids))
		rows = append(rows, []Button{{Text: label, Data: cbData(cbTopicOpen, t.ID)}})
	}
	rows = append(rows, []Button{{Text: s.t("topics.done", nil), Data: cbTopicDone}})
	return s.t("topics.intro", nil), rows, nil
}

// subLevel renders one topic's subtopics, two to a row, with a switch for
// all of them and a way back.
func (s *session) subLevel(parent store.Topic) (string, [][]Button, error) {
	children, err := s.st.Topics(s.ctx, parent.ID)
	if err != nil {
		return "", nil, err
	}
	subs, err := s.st.SubscribedTopicIDs(s.ctx, s.citizen.ID)
	if err != nil {
		return "", nil, err
	}
	all := len(children) > 0
	for _, c := range children {
		all = all && subs[c.ID]
	}
	rows := [][]Button{{{Text: mark(all) + " " + s.plain("topics.all", map[string]any{"Topic": parent.Name(s.lang)}), Data: cbData(cbTopicAll, parent.ID)}}}
	var row []Button
	for _, c := range children {
		row = append(row, Button{Text: mark(subs[c.ID]) + " " + c.Name(s.lang), Data: cbData(cbTopicToggle, c.ID)})
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if row != nil {
		rows = append(rows, row)
	}
	rows = append(rows, []Button{{Text: s.t("topics.back", nil), Data: cbTopicBack}, {Text: s.t("topics.done", nil), Data: cbTopicDone}})
	return s.t("topics.sub_intro", map[string]any{"Topic": parent.Name(s.lang)}), rows, nil
}

func mark(on bool) string {
	if on {
		return markOn
	}
	return markOff
}

func (s *session) handleTopicCallback(cb callback) error {
	switch cb.verb {
	case cbTopicBack:
		text, buttons, err := s.topLevel()
		if err != nil {
			return err
		}
		s.answer("", false)
		s.editText(text, buttons)
		return nil
	case cbTopicDone:
		return s.closeTopics()
	}
	id, ok := cb.id()
	if !ok {
		return s.refuseCallback()
	}
	topic, err := s.st.TopicByID(s.ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		// The topic was deleted by staff after the keyboard was drawn.
		return s.refuseCallback()
	}
	if err != nil {
		return err
	}
	if cb.verb != cbTopicToggle && topic.ParentID != 0 {
		// Only a top-level topic opens or switches as a whole: taken for a
		// subtopic, it would bypass keeping the parent's subscription in step.
		return s.refuseCallback()
	}
	switch cb.verb {
	case cbTopicOpen:
		text, buttons, err := s.subLevel(topic)
		if err != nil {
			return err
		}
		s.answer("", false)
		s.editText(text, buttons)
		return nil
	case cbTopicToggle:
		return s.toggleTopic(topic)
	default:
		return s.toggleWholeTopic(topic)
	}
}

// toggleTopic flips one subscription and redraws the keyboard it was
// pressed on, in place.
func (s *session) toggleTopic(topic store.Topic) error {
	subs, err := s.st.SubscribedTopicIDs(s.ctx, s.citizen.ID)
	if err != nil {
		return err
	}
	on := !subs[topic.ID]
	if on {
		err = s.st.Subscribe(s.ctx, s.citizen.ID, topic.ID)
	} else {
		err = s.st.Unsubscribe(s.ctx, s.citizen.ID, topic.ID)
	}
	if err != nil {
		return err
	}
	if topic.ParentID != 0 {
		if err := s.syncParent(topic.ParentID); err != nil {
			return err
		}
	}
	return s.redraw(topic, on)
}

// toggleWholeTopic turns a topic and all its subtopics on, or all off when
// they were all on already.
func (s *session) toggleWholeTopic(parent store.Topic) error {
	children, err := s.st.Topics(s.ctx, parent.ID)
	if err != nil {
		return err
	}
	subs, err := s.st.SubscribedTopicIDs(s.ctx, s.citizen.ID)
	if err != nil {
		return err
	}
	ids := []int64{parent.ID}
	allOn := subs[parent.ID]
	for _, c := range children {
		ids = append(ids, c.ID)
		allOn = allOn && subs[c.ID]
	}
	if allOn {
		err = s.st.Unsubscribe(s.ctx, s.citizen.ID, ids...)
	} else {
		err = s.st.Subscribe(s.ctx, s.citizen.ID, ids...)
	}
	if err != nil {
		return err
	}
	return s.redraw(parent, !allOn)
}

// syncParent keeps the parent's own subscription meaning "all of it": it
// is on exactly when every subtopic is, so news about the topic as a whole
// reaches those who chose all of it.
func (s *session) syncParent(parentID int64) error {
	children, err := s.st.Topics(s.ctx, parentID)
	if err != nil {
		return err
	}
	subs, err := s.st.SubscribedTopicIDs(s.ctx, s.citizen.ID)
	if err != nil {
		return err
	}
	all := true
	for _, c := range children {
		all = all && subs[c.ID]
	}
	if all {
		return s.st.Subscribe(s.ctx, s.citizen.ID, parentID)
	}
	return s.st.Unsubscribe(s.ctx, s.citizen.ID, parentID)
}

func (s *session) redraw(topic store.Topic, on bool) error {
	key := "topics.toast_off"
	if on {
		key = "topics.toast_on"
	}
	s.answer(s.plain(key, map[string]any{"Topic": topic.Name(s.lang)}), false)
	var buttons [][]Button
	var err error
	switch {
	case topic.ParentID != 0:
		parent, perr := s.st.TopicByID(s.ctx, topic.ParentID)
		if perr != nil {
			return perr
		}
		_, buttons, err = s.subLevel(parent)
	default:
		children, cerr := s.st.Topics(s.ctx, topic.ID)
		if cerr != nil {
			return cerr
		}
		if len(children) > 0 {
			_, buttons, err = s.subLevel(topic)
		} else {
			_, buttons, err = s.topLevel()
		}
	}
	if err != nil {
		return err
	}
	s.editButtons(buttons)
	return nil
}

// closeTopics replaces the picker with a summary of what the citizen
// receives, so the chat keeps a record of their choice.
func (s *session) closeTopics() error {
	names, err := s.subscribedNames()
	if err != nil {
		return err
	}
	s.answer("", false)
	if len(names) == 0 {
		s.editText(s.t("topics.summary_none", nil), nil)
		return nil
	}
	s.editText(s.t("topics.summary", map[string]any{"Topics": strings.Join(names, ", ")}), nil)
	return nil
}

// subscribedNames lists the citizen's topics by name, a whole topic once
// rather than each of its subtopics.
func (s *session) subscribedNames() ([]string, error) {
	all, err := s.st.AllTopics(s.ctx)
	if err != nil {
		return nil, err
	}
	subs, err := s.st.SubscribedTopicIDs(s.ctx, s.citizen.ID)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, t := range all {
		if subs[t.ID] && (t.ParentID == 0 || !subs[t.ParentID]) {
			names = append(names, t.Name(s.lang))
		}
	}
	return names, nil
}
