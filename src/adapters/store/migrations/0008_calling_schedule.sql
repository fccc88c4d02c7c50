-- Compliance in record selection: each campaign's weekly calling schedule with its holiday
-- calendar, the option "one contact per record per day", and the local time zone of each record.

-- The default is the Colombian rule (src/domain/calling-schedule.ts defaultCallingSchedule; a
-- store test checks that the two agree). Existing campaigns get it too.
ALTER TABLE campaigns
  ADD COLUMN calling_schedule jsonb NOT NULL DEFAULT '{"mon": ["07:00-19:00"], "tue": ["07:00-19:00"], "wed": ["07:00-19:00"], "thu": ["07:00-19:00"], "fri": ["07:00-19:00"], "sat": ["08:00-15:00"], "sun": [], "holidays": "CO"}',
  ADD COLUMN one_contact_per_day boolean NOT NULL DEFAULT false;

-- A record's IANA time zone; Pacer writes its operation's when the load gives none. Existing
-- records take their operation's (the constant default is a catalogue-only change, and only the
-- records of operations elsewhere are rewritten).
ALTER TABLE records ADD COLUMN time_zone text NOT NULL DEFAULT 'America/Bogota';
UPDATE records r SET time_zone = o.time_zone FROM operations o WHERE o.id = r.operation_id AND o.time_zone <> 'America/Bogota';
ALTER TABLE records ALTER COLUMN time_zone DROP DEFAULT;

-- An insert that names no zone (the demo, hand-written SQL) gets its operation's. Pacer's own
-- upsert always names one, so bulk loads never call this function.
CREATE FUNCTION pacer_record_zone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT o.time_zone INTO NEW.time_zone FROM operations o WHERE o.id = NEW.operation_id;
  RETURN NEW;
END $$;
CREATE TRIGGER records_zone BEFORE INSERT ON records FOR EACH ROW WHEN (NEW.time_zone IS NULL)
  EXECUTE FUNCTION pacer_record_zone();

-- The distinct zones of each campaign's records. The dialer reads this tiny table, works out which
-- zones are inside the calling window now, and claims only records of those zones. Kept by the
-- database itself, whatever writes the records: once per INSERT statement (bulk loads stay
-- cheap), and per row only for an UPDATE that changes a record's zone. Zones whose records are
-- gone stay listed; they cost one check per tick and claim nothing.
CREATE TABLE campaign_zones (
  operation_id  text NOT NULL,
  campaign_id   bigint NOT NULL,
  time_zone     text NOT NULL,
  PRIMARY KEY (operation_id, campaign_id, time_zone),
  FOREIGN KEY (operation_id, campaign_id) REFERENCES campaigns ON DELETE CASCADE
);
INSERT INTO campaign_zones SELECT DISTINCT operation_id, campaign_id, time_zone FROM records;

CREATE FUNCTION pacer_campaign_zones_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO campaign_zones (operation_id, campaign_id, time_zone)
    SELECT DISTINCT operation_id, campaign_id, time_zone FROM inserted_records
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER records_zones_inserted AFTER INSERT ON records REFERENCING NEW TABLE AS inserted_records
  FOR EACH STATEMENT EXECUTE FUNCTION pacer_campaign_zones_inserted();

CREATE FUNCTION pacer_campaign_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO campaign_zones (operation_id, campaign_id, time_zone)
    VALUES (NEW.operation_id, NEW.campaign_id, NEW.time_zone) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER records_zone_changed AFTER UPDATE OF time_zone ON records FOR EACH ROW
  WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION pacer_campaign_zone_changed();

-- Record selection by zone: for each open zone, due retries by (next_attempt_at, seq) and
-- never-tried records by seq, read in index order and merged (src/adapters/store/dialing.ts).
DROP INDEX records_dialable;
CREATE INDEX records_dialable ON records (operation_id, campaign_id, time_zone, next_attempt_at, seq) WHERE status = 'fresh';

-- Every claim updates its records' status, which moves them out of records_dialable, so the
-- update is not HOT and adds entries to every index, the phones' GIN index included. With GIN's
-- fast update, entries wait in a pending list that the statement which overflows it must merge:
-- bench:selection caught a 10-record claim taking 0.6-1 s doing that after a load. Merged at
-- once instead, claims stay at milliseconds. Loads pay a little: about 15 % for a bulk
-- INSERT … SELECT of a million rows; within noise for add_record imports (bench:import).
ALTER INDEX records_phone SET (fastupdate = off);
