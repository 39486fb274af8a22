-- The letters a sending worker has recorded as sent whose final dot of SMTP DATA may not have left it yet
-- (src/modules/newsletter/delivery-feed.ts). A worker rewrites its row with every record and deletes it when it stops.
-- A row left behind is a worker that died mid-send: its letters are uncertain, sent or not, and the editor decides
-- whether to send them again (src/modules/newsletter/uncertain.ts).
CREATE TABLE newsletter_in_flight (
  worker uuid PRIMARY KEY,
  edition_id uuid NOT NULL REFERENCES newsletter_editions (id) ON DELETE CASCADE,
  subscriber_ids uuid[] NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX newsletter_in_flight_edition_idx ON newsletter_in_flight (edition_id);
