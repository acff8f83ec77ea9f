package store

import (
	"context"
	"fmt"
)

// CitizenStats describes the people who talk to the bot.
type CitizenStats struct {
	Total int
	// Active citizens wrote to the bot at or after the time asked about.
	Active    int
	Languages []LanguageCount // most spoken first
	// Subscribers per topic id: for a subtopic, who opted in to it; for a
	// top-level topic, who opted in to it or to any of its subtopics, each
	// person once. Topics nobody follows are absent.
	Subscribers map[int64]int
}

// LanguageCount is how many citizens the bot speaks to in one language.
type LanguageCount struct {
	Language string
	Count    int
}

// CitizenStatistics counts citizens, those seen since activeSince (unix
// seconds), their languages and the subscribers of every topic.
func (s *Store) CitizenStatistics(ctx context.Context, activeSince int64) (CitizenStats, error) {
	var cs CitizenStats
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(last_seen_at >= ?), 0) FROM citizens`, activeSince).
		Scan(&cs.Total, &cs.Active); err != nil {
		return CitizenStats{}, fmt.Errorf("store: unable to count citizens: %w", err)
	}
	rows, err := s.q.QueryContext(ctx, `SELECT language, COUNT(*) FROM citizens GROUP BY language ORDER BY COUNT(*) DESC, language`)
	if err != nil {
		return CitizenStats{}, fmt.Errorf("store: unable to count citizens per language: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var lc LanguageCount
		if err := rows.Scan(&lc.Language, &lc.Count); err != nil {
			return CitizenStats{}, fmt.Errorf("store: unable to count citizens per language: %w", err)
		}
		cs.Languages = append(cs.Languages, lc)
	}
	if err := rows.Err(); err != nil {
		return CitizenStats{}, fmt.Errorf("store: unable to count citizens per language: %w", err)
	}
	// Each subscription counts for its topic and again for the topic's
	// parent; DISTINCT makes a citizen who follows the whole of "Rifiuti"
	// (the parent and every subtopic) one subscriber of it, not six.
	cs.Subscribers, err = s.countMap(ctx, `
		SELECT topic, COUNT(DISTINCT citizen_id) FROM (
			SELECT s.citizen_id, s.topic_id AS topic FROM subscriptions s
			UNION ALL
			SELECT s.citizen_id, t.parent_id FROM subscriptions s
			JOIN topics t ON t.id = s.topic_id WHERE t.parent_id IS NOT NULL
		) GROUP BY topic`)
	if err != nil {
		return CitizenStats{}, fmt.Errorf("store: unable to count subscribers per topic: %w", err)
	}
	return cs, nil
}
