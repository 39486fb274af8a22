-- Dashboards (issue 10): the response-time charts join each alert of the period to its first take-over and to its
-- first placement. Both are aggregated once over these small partial indexes (see bench/RESULTS.md,
-- "Issue 10 — dashboards": without them the take-overs are found by scanning every timeline event).
CREATE INDEX alert_events_taken_over_idx ON alert_events (alert_id, occurred_at) WHERE kind = 'taken_over';
CREATE INDEX placements_alert_idx ON placements (alert_id, started_at) WHERE alert_id IS NOT NULL;
