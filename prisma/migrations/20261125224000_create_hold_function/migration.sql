-- Hand-written: the database half of a seat hold, in one round trip.
--
-- A hold is checked and set in Redis first; this then records it as a PENDING
-- reservation. Called once per hold by the web app (src/server/booking/create-hold.ts)
-- under a flash crowd, so everything happens in one statement instead of a transaction of
-- six round trips. Prisma's diff does not model functions: the drift check ignores this.
--
-- Returns one row: outcome and what goes with it.
--   HELD          amount_minor, currency: the reservation and its seats are written
--   SALE_CLOSED   the performance is not PUBLISHED inside its booking window
--   TOO_MANY_SEATS max_seats: more seats than the performance allows per reservation
--   OPEN_HOLDS    the buyer already has p_max_open_holds unexpired PENDING holds on it
--   UNKNOWN_SEATS some seat ids are not seats of this schedule
--   SEAT_TAKEN    taken_seat_ids: another live reservation holds them (the double-sale
--                 index refused the insert); nothing was written
CREATE FUNCTION "create_hold"(
  p_reservation_id uuid,
  p_user_id uuid,
  p_performance_id uuid,
  p_schedule_id uuid,
  p_seat_ids uuid[],
  p_hold_expires_at timestamptz,
  p_now timestamptz,
  p_max_open_holds integer
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
            created_at, updated_at)
    VALUES (p_reservation_id, p_user_id, p_schedule_id, 'PENDING', total, seat_currency,
            p_hold_expires_at, p_now, p_now);
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
