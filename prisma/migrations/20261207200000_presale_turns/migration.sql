-- AlterTable
ALTER TABLE "presale_uses" ADD COLUMN     "turn_ended_at" TIMESTAMPTZ(3),
ADD COLUMN     "turn_ends_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "reservations" ADD COLUMN     "presale_use_id" UUID;

-- CreateIndex
CREATE INDEX "reservations_presale_use_id_idx" ON "reservations"("presale_use_id");

-- CreateIndex
CREATE INDEX "presale_uses_returned_at_turn_ends_at_idx" ON "presale_uses"("returned_at", "turn_ends_at");

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_presale_use_id_fkey" FOREIGN KEY ("presale_use_id") REFERENCES "presale_uses"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------
-- Hand-written: a hold made in a presale turn belongs to that turn.
--
-- Holds carry the working token's id (presale_token_id in create_holds' JSON, the new last
-- argument of create_hold). When that token paid a presale use, create_hold, under the
-- buyer's advisory lock and with the use's row locked FOR SHARE:
--   - refuses the hold when the use was given back (PRESALE_TURN_OVER): the turn is over,
--     and a hold made now would be a purchase its code no longer pays for;
--   - refuses it when the turn's held and bought seats with these would pass the code's
--     seat cap (PRESALE_SEAT_CAP, max_seats = the cap). Holds of one turn are one buyer's
--     on one performance, so the advisory lock serialises them: two racing requests of a
--     turn cannot both pass;
--   - writes the use's id on the reservation (presale_use_id).
-- A give-back (prisma/src/presale/give-presale-use-back.ts) locks the use's row FOR UPDATE
-- and then reads its holds in a later statement: it waits for a hold being written under
-- that row and then sees it, so a use is never given back under a live hold.
--
-- create_holds_together leaves batches with such a hold to create_holds_one_by_one (it
-- raises, and create_holds falls back): outside a presale no use exists and nothing
-- changes; during one, holds go one at a time, as they did before the batch path.
--
-- Uses spent before this migration have no turn_ends_at and are never given back: their
-- holds carry no presale_use_id, so nothing could tell a bought turn from an unbought one.
-- ---------------------------------------------------------------------------------------

DROP FUNCTION "create_hold"(uuid, uuid, uuid, uuid, uuid[], timestamptz, timestamptz, integer);

-- create_hold's answers (see its first migration), and:
--   PRESALE_TURN_OVER  the presale use of p_presale_token_id was given back
--   PRESALE_SEAT_CAP   max_seats: the code's seat cap, which this turn's holds would pass
CREATE FUNCTION "create_hold"(
  p_reservation_id uuid,
  p_user_id uuid,
  p_performance_id uuid,
  p_schedule_id uuid,
  p_seat_ids uuid[],
  p_hold_expires_at timestamptz,
  p_now timestamptz,
  p_max_open_holds integer,
  p_presale_token_id text DEFAULT NULL
)
RETURNS TABLE (
  outcome text,
  amount_minor integer,
  currency text,
  max_seats integer,
  taken_seat_ids uuid[]
)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  performance record;
  turn record;
  turn_seats integer;
  open_holds integer;
  found_seats integer;
  total integer;
  seat_currency text;
BEGIN
  -- One buyer's holds on one performance are counted and written one at a time, across
  -- schedules and server processes. Statements below run after the lock is granted and
  -- so see every hold of this buyer committed before (READ COMMITTED, volatile function).
  PERFORM pg_advisory_xact_lock(
    hashtextextended('hold:' || p_user_id::text || ':' || p_performance_id::text, 0));

  SELECT p.sale_status, p.booking_opens_at, p.booking_closes_at, p.max_seats_per_reservation
    INTO performance
    FROM performances p
   WHERE p.id = p_performance_id;
  IF NOT FOUND OR performance.sale_status <> 'PUBLISHED'
     OR p_now < performance.booking_opens_at OR p_now >= performance.booking_closes_at THEN
    RETURN QUERY SELECT 'SALE_CLOSED', 0, NULL::text, NULL::integer, NULL::uuid[];
    RETURN;
  END IF;
  IF cardinality(p_seat_ids) > performance.max_seats_per_reservation THEN
    RETURN QUERY SELECT 'TOO_MANY_SEATS', 0, NULL::text,
      performance.max_seats_per_reservation, NULL::uuid[];
    RETURN;
  END IF;

  SELECT count(*) INTO open_holds
    FROM reservations r
    JOIN schedules sc ON sc.id = r.schedule_id
   WHERE sc.performance_id = p_performance_id AND r.user_id = p_user_id
     AND r.status = 'PENDING' AND r.hold_expires_at > p_now;
  IF open_holds >= p_max_open_holds THEN
    RETURN QUERY SELECT 'OPEN_HOLDS', 0, NULL::text, NULL::integer, NULL::uuid[];
    RETURN;
  END IF;

  -- The presale turn this token paid for, if any (see the header).
  SELECT u.id, u.returned_at, c.seat_cap INTO turn
    FROM presale_uses u JOIN presale_codes c ON c.id = u.code_id
   WHERE u.token_id = p_presale_token_id AND u.performance_id = p_performance_id
     AND u.user_id = p_user_id
     FOR SHARE OF u;
  IF FOUND THEN
    IF turn.returned_at IS NOT NULL THEN
      RETURN QUERY SELECT 'PRESALE_TURN_OVER', 0, NULL::text, NULL::integer, NULL::uuid[];
      RETURN;
    END IF;
    IF turn.seat_cap IS NOT NULL THEN
      -- Held (a lapsed hold not yet ended still counts: it may be paid), bought, and a
      -- hold that lapsed while its payment went through (the worker may still revive it).
      SELECT count(*) INTO turn_seats
        FROM reservations r JOIN reservation_seats rs ON rs.reservation_id = r.id
       WHERE r.presale_use_id = turn.id
         AND (r.status IN ('PENDING', 'CONFIRMED') OR r.confirmed_at IS NOT NULL
              OR EXISTS (SELECT 1 FROM payments p
                          WHERE p.reservation_id = r.id AND p.status = 'COMPLETED'
                                   AND p.refund_requested_at IS NULL));
      IF turn_seats + cardinality(p_seat_ids) > turn.seat_cap THEN
        RETURN QUERY SELECT 'PRESALE_SEAT_CAP', 0, NULL::text, turn.seat_cap, NULL::uuid[];
        RETURN;
      END IF;
    END IF;
  END IF;

  -- Prices come from the grades, never from the caller.
  SELECT count(*), coalesce(sum(g.price_minor), 0), min(g.currency)
    INTO found_seats, total, seat_currency
    FROM seats s JOIN seat_grades g ON g.id = s.grade_id
   WHERE s.schedule_id = p_schedule_id AND s.id = ANY(p_seat_ids);
  IF found_seats <> cardinality(p_seat_ids) THEN
    RETURN QUERY SELECT 'UNKNOWN_SEATS', 0, NULL::text, NULL::integer, NULL::uuid[];
    RETURN;
  END IF;

  BEGIN
    INSERT INTO reservations
           (id, user_id, schedule_id, status, amount_minor, currency, hold_expires_at,
            presale_use_id, created_at, updated_at)
    VALUES (p_reservation_id, p_user_id, p_schedule_id, 'PENDING', total, seat_currency,
            p_hold_expires_at, turn.id, p_now, p_now);
    -- Ascending seat-id order, so overlapping holds take their index locks in one order.
    INSERT INTO reservation_seats (reservation_id, seat_id, price_minor)
    SELECT p_reservation_id, s.id, g.price_minor
      FROM seats s JOIN seat_grades g ON g.id = s.grade_id
     WHERE s.id = ANY(p_seat_ids)
     ORDER BY s.id;
  EXCEPTION WHEN unique_violation THEN
    -- Only the double-sale index can refuse here (the reservation id is new). The block
    -- is rolled back; name the seats that are taken.
    RETURN QUERY SELECT 'SEAT_TAKEN', 0, NULL::text, NULL::integer,
      (SELECT array_agg(rs.seat_id ORDER BY rs.seat_id)
         FROM reservation_seats rs
        WHERE rs.seat_id = ANY(p_seat_ids) AND rs.active);
    RETURN;
  END;

  RETURN QUERY SELECT 'HELD', total, seat_currency, NULL::integer, NULL::uuid[];
END;
$$;

-- As before, with each hold's presale_token_id passed on.
CREATE OR REPLACE FUNCTION "create_holds_one_by_one"(p_holds jsonb)
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
        seat_ids uuid[], hold_expires_at timestamptz, now timestamptz, max_open_holds integer,
        presale_token_id text)
     ORDER BY h.user_id, h.performance_id, h.reservation_id
  LOOP
    BEGIN
      RETURN QUERY
        SELECT hold.reservation_id, r.outcome, r.amount_minor, r.currency, r.max_seats,
               r.taken_seat_ids, NULL::text
          FROM create_hold(hold.reservation_id, hold.user_id, hold.performance_id,
                           hold.schedule_id, hold.seat_ids, hold.hold_expires_at, hold.now,
                           hold.max_open_holds, hold.presale_token_id) AS r;
    EXCEPTION WHEN OTHERS THEN
      RETURN QUERY SELECT hold.reservation_id, 'ERROR'::text, 0, NULL::text, NULL::integer,
                          NULL::uuid[], SQLSTATE::text;
    END;
  END LOOP;
END;
$$;

-- A batch holding any presale turn's hold goes one at a time (see the header). A use row
-- exists before its token is signed, so none can appear between this check and the write.
CREATE OR REPLACE FUNCTION "create_holds"(p_holds jsonb)
RETURNS SETOF "hold_answer"
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  answers "hold_answer"[];
BEGIN
  IF EXISTS (SELECT 1
               FROM jsonb_to_recordset(p_holds) AS h(presale_token_id text)
               JOIN presale_uses u ON u.token_id = h.presale_token_id) THEN
    RETURN QUERY SELECT * FROM create_holds_one_by_one(p_holds);
    RETURN;
  END IF;
  BEGIN
    answers := ARRAY(SELECT t FROM create_holds_together(p_holds) AS t);
  EXCEPTION WHEN OTHERS THEN
    -- Rolled back to the start of the block: nothing of the batch was written.
    RETURN QUERY SELECT * FROM create_holds_one_by_one(p_holds);
    RETURN;
  END;
  RETURN QUERY SELECT * FROM unnest(answers);
END;
$$;
