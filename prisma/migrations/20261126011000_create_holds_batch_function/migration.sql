-- Hand-written: many seat holds in one round trip and one commit.
--
-- Under a flash crowd the web app gathers the holds that arrive while earlier ones are
-- being written and sends them together (src/server/booking/write-hold-reservations.ts).
-- One statement instead of one per hold saves a round trip, a commit and the wake-ups
-- around them per hold, which on a small machine is most of a hold's database cost.
--
-- p_holds: a JSON array of
--   { reservation_id, user_id, performance_id, schedule_id, seat_ids: [uuid],
--     hold_expires_at, now, max_open_holds }
-- Returns one row per hold, in no particular order: reservation_id plus create_hold's
-- columns (see the create_hold migration), or outcome ERROR with error_code (SQLSTATE)
-- when that hold alone failed.
--
-- Each hold runs in its own subtransaction, so one failing hold never undoes the others.
-- Holds are taken in (user, performance) order: create_hold's advisory lock per buyer is
-- then acquired in one order by every batch, so two batches cannot deadlock on it. Holds
-- of one buyer in one batch run in order and see each other (the open-hold limit holds).
CREATE FUNCTION "create_holds"(p_holds jsonb)
RETURNS TABLE (
  reservation_id uuid,
  outcome text,
  amount_minor integer,
  currency text,
  max_seats integer,
  taken_seat_ids uuid[],
  error_code text
)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  hold record;
BEGIN
  FOR hold IN
    SELECT *
      FROM jsonb_to_recordset(p_holds) AS h(
        reservation_id uuid, user_id uuid, performance_id uuid, schedule_id uuid,
        seat_ids uuid[], hold_expires_at timestamptz, now timestamptz, max_open_holds integer)
     ORDER BY h.user_id, h.performance_id, h.reservation_id
  LOOP
    BEGIN
      RETURN QUERY
        SELECT hold.reservation_id, r.outcome, r.amount_minor, r.currency, r.max_seats,
               r.taken_seat_ids, NULL::text
          FROM create_hold(hold.reservation_id, hold.user_id, hold.performance_id,
                           hold.schedule_id, hold.seat_ids, hold.hold_expires_at, hold.now,
                           hold.max_open_holds) AS r;
    EXCEPTION WHEN OTHERS THEN
      RETURN QUERY SELECT hold.reservation_id, 'ERROR'::text, 0, NULL::text, NULL::integer,
                          NULL::uuid[], SQLSTATE::text;
    END;
  END LOOP;
END;
$$;
