-- Hand-written: one rule for whether a hold keeps its presale turn's use.
--
-- A hold made in a presale turn keeps the turn's use, and counts toward the code's seat
-- cap, while it is live or bought: any status but EXPIRED, FAILED or CANCELLED, a hold that
-- was ever confirmed, or one that lapsed while its payment went through (a COMPLETED
-- payment with no refund asked: the worker may still revive it). create_hold's seat cap,
-- the give-back (prisma/src/presale/give-presale-use-back.ts) and the worker's sweep
-- (give-back-ended-presale-turns.ts) each wrote this out; now they all ask this function.
-- A plain SQL function, so the planner inlines it into the sweep's filter.
CREATE FUNCTION "reservation_keeps_presale_use"(r reservations)
RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT r.status NOT IN ('EXPIRED', 'FAILED', 'CANCELLED')
      OR r.confirmed_at IS NOT NULL
      OR EXISTS (SELECT 1 FROM payments p
                  WHERE p.reservation_id = r.id AND p.status = 'COMPLETED'
                    AND p.refund_requested_at IS NULL)
$$;

-- create_hold as in 20261207200000_presale_turns, its seat cap counted by the rule above.
CREATE OR REPLACE FUNCTION "create_hold"(
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
      -- The seats of the turn's holds that keep its use count (reservation_keeps_presale_use).
      SELECT count(*) INTO turn_seats
        FROM reservations r JOIN reservation_seats rs ON rs.reservation_id = r.id
       WHERE r.presale_use_id = turn.id AND reservation_keeps_presale_use(r);
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
