-- ---------------------------------------------------------------------------------------
-- Hand-written: a cancelled show can no longer be paid for.
--
-- cancelShow locks the schedule row FOR UPDATE while it sets cancelled_at and ends the
-- show's open holds. A hold inserted meanwhile must wait for that commit and then see
-- it; a plain read would see the old row and let the hold slip through uncancelled.
-- FOR SHARE lets any number of holds go ahead together and waits only for a writer of
-- the schedule row.
-- ---------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION "reservations_refuse_cancelled_show"() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  cancelled timestamptz;
BEGIN
  SELECT cancelled_at INTO cancelled FROM schedules WHERE id = NEW.schedule_id FOR SHARE;
  IF cancelled IS NOT NULL THEN
    RAISE EXCEPTION 'schedule % is cancelled', NEW.schedule_id USING ERRCODE = 'TP001';
  END IF;
  RETURN NEW;
END;
$$;

-- A late payment is never sold a cancelled show's seats: the worker checks the show
-- first, and this covers a cancel that commits while it runs (FOR SHARE waits for it).
CREATE OR REPLACE FUNCTION "revive_paid_reservation"(p_reservation_id uuid) RETURNS boolean
  LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  cancelled timestamptz;
BEGIN
  -- Not filtered on cancelled_at: only a row that is locked waits for the cancel and is
  -- read again after it.
  SELECT sc.cancelled_at INTO cancelled
    FROM reservations r JOIN schedules sc ON sc.id = r.schedule_id
   WHERE r.id = p_reservation_id
     FOR SHARE OF sc;
  IF cancelled IS NOT NULL THEN
    RETURN false;
  END IF;
  UPDATE reservations
     SET status = 'CONFIRMED', status_reason = NULL, confirmed_at = now(), updated_at = now()
   WHERE id = p_reservation_id AND status IN ('EXPIRED', 'FAILED');
  RETURN FOUND;
EXCEPTION WHEN unique_violation THEN
  RETURN false;
END;
$$;
