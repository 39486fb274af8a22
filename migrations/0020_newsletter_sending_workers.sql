-- Which sending worker recorded a letter as sent, and in which of its statements (src/modules/newsletter/
-- delivery-feed.ts); and the workers sending now: one registers when it starts on an edition and leaves when it
-- stops. A worker killed mid-send stays registered, and only the letters of its last statement may have been lost:
-- the editor sees them as uncertain and decides whether to send them again (src/modules/newsletter/uncertain.ts).
ALTER TABLE newsletter_deliveries ADD COLUMN recorded_by uuid, ADD COLUMN record_seq integer;
CREATE TABLE newsletter_sending_workers (
  worker uuid PRIMARY KEY,
  edition_id uuid NOT NULL REFERENCES newsletter_editions (id) ON DELETE CASCADE,
  started_at timestamptz NOT NULL
);
CREATE INDEX newsletter_sending_workers_edition_idx ON newsletter_sending_workers (edition_id);
