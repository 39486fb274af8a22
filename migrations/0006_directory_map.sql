-- The map's query walks from the locations in a box to their services: an index that answers it alone
-- (index-only scan once the table is vacuumed) instead of visiting each service-at-location row.
DROP INDEX directory_sal_location_idx;
CREATE INDEX directory_sal_location_idx ON directory_service_at_locations (location_id) INCLUDE (service_id, id);
