-- Hand-written: a batch of holds written with a few set-based statements.
--
-- create_holds (the previous migration) runs create_hold once per hold, each in its own
-- subtransaction: about 0.25 ms of database CPU per hold, most of it the executor starting
-- six small statements and two subtransactions per hold. When the working set presses
-- Hold at once, that is the tail a buyer waits for. Under a crowd, nearly every batch is
-- simple: one hold per buyer, no seat asked twice (Redis has already refused overlaps),
-- nothing taken in PostgreSQL. create_holds_together writes such a batch with one lock
-- statement, one checking statement and two inserts, and gives create_hold's answers.
-- Anything else it refuses, and create_holds falls back to one hold at a time.

-- One answer per hold: create_hold's columns, with the hold's id and, for a hold that
-- failed alone, its SQLSTATE (outcome ERROR).
CREATE TYPE "hold_answer" AS (
  reservation_id uuid,
  outcome text,
  amount_minor integer,
  currency text,
  max_seats integer,
  taken_seat_ids uuid[],
  error_code text
);

-- Same arguments and answers as create_holds. Raises (SQLSTATE P0001) for a batch it does
-- not decide alone: a buyer with two holds on one performance (they must see each other,
-- in order), or a seat asked for twice. Any other error (a seat taken by a batch that
-- committed after the check, a foreign key) also aborts it as a whole; nothing is written.
CREATE FUNCTION "create_holds_together"(p_holds jsonb)
RETURNS SETOF "hold_answer"
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  checked jsonb;
BEGIN
  IF EXISTS (
    SELECT 1
      FROM jsonb_to_recordset(p_holds) AS h(user_id uuid, performance_id uuid)
     GROUP BY h.user_id, h.performance_id
    HAVING count(*) > 1
  ) OR EXISTS (
    SELECT 1
      FROM jsonb_to_recordset(p_holds) AS h(seat_ids uuid[]), unnest(h.seat_ids) AS s(id)
     GROUP BY s.id
    HAVING count(*) > 1
  ) THEN
    RAISE EXCEPTION 'this batch of holds must be written one at a time';
  END IF;

  -- create_hold's per-buyer lock, for every buyer of the batch, in the order create_holds
  -- takes them (so batches of either kind never deadlock on each other).
  PERFORM pg_advisory_xact_lock(
            hashtextextended('hold:' || k.user_id::text || ':' || k.performance_id::text, 0))
     FROM (SELECT DISTINCT h.user_id, h.performance_id
             FROM jsonb_to_recordset(p_holds) AS h(user_id uuid, performance_id uuid)
            ORDER BY h.user_id, h.performance_id) AS k;

  -- A new statement, so a new snapshot: it sees every hold of these buyers committed
  -- before their locks were granted. The checks and their order are create_hold's.
  SELECT jsonb_agg(to_jsonb(c)) INTO checked
    FROM (
      SELECT h.reservation_id, h.user_id, h.schedule_id, h.seat_ids, h.hold_expires_at, h.now,
             CASE
               WHEN p.id IS NULL OR p.sale_status <> 'PUBLISHED'
                    OR h.now < p.booking_opens_at OR h.now >= p.booking_closes_at
                 THEN 'SALE_CLOSED'
               WHEN cardinality(h.seat_ids) > p.max_seats_per_reservation THEN 'TOO_MANY_SEATS'
               WHEN open.holds >= h.max_open_holds THEN 'OPEN_HOLDS'
               WHEN priced.seats <> cardinality(h.seat_ids) THEN 'UNKNOWN_SEATS'
               WHEN taken.seat_ids IS NOT NULL THEN 'SEAT_TAKEN'
               ELSE 'HELD'
             END AS outcome,
             priced.total, priced.currency, p.max_seats_per_reservation AS max_seats,
             taken.seat_ids AS taken_seat_ids
        FROM jsonb_to_recordset(p_holds) AS h(
               reservation_id uuid, user_id uuid, performance_id uuid, schedule_id uuid,
               seat_ids uuid[], hold_expires_at timestamptz, now timestamptz,
               max_open_holds integer)
        LEFT JOIN performances p ON p.id = h.performance_id
       CROSS JOIN LATERAL (
               SELECT count(*) AS holds
                 FROM reservations r
                 JOIN schedules sc ON sc.id = r.schedule_id
                WHERE sc.performance_id = h.performance_id AND r.user_id = h.user_id
                  AND r.status = 'PENDING' AND r.hold_expires_at > h.now) AS open
       CROSS JOIN LATERAL (
               SELECT count(*) AS seats, coalesce(sum(g.price_minor), 0)::integer AS total,
                      min(g.currency) AS currency
                 FROM seats s JOIN seat_grades g ON g.id = s.grade_id
                WHERE s.schedule_id = h.schedule_id AND s.id = ANY(h.seat_ids)) AS priced
        LEFT JOIN (
               SELECT asked.reservation_id,
                      array_agg(rs.seat_id ORDER BY rs.seat_id) AS seat_ids
                 FROM jsonb_to_recordset(p_holds) AS asked(reservation_id uuid, seat_ids uuid[])
                 JOIN reservation_seats rs ON rs.seat_id = ANY(asked.seat_ids) AND rs.active
                GROUP BY asked.reservation_id) AS taken ON taken.reservation_id = h.reservation_id
    ) AS c;

  -- Two statements, not one: the seats' trigger reads the reservation's status, which a
  -- row inserted by the same statement would not show it.
  INSERT INTO reservations
         (id, user_id, schedule_id, status, amount_minor, currency, hold_expires_at,
          created_at, updated_at)
  SELECT c.reservation_id, c.user_id, c.schedule_id, 'PENDING', c.total, c.currency,
         c.hold_expires_at, c.now, c.now
    FROM jsonb_to_recordset(checked) AS c(
           reservation_id uuid, user_id uuid, schedule_id uuid, hold_expires_at timestamptz,
           now timestamptz, outcome text, total integer, currency text)
   WHERE c.outcome = 'HELD'
   ORDER BY c.reservation_id;
  -- Ascending seat-id order, as create_hold: overlapping writers lock index entries in
  -- one order.
  INSERT INTO reservation_seats (reservation_id, seat_id, price_minor)
  SELECT c.reservation_id, s.id, g.price_minor
    FROM jsonb_to_recordset(checked) AS c(reservation_id uuid, seat_ids uuid[], outcome text)
    JOIN seats s ON s.id = ANY(c.seat_ids)
    JOIN seat_grades g ON g.id = s.grade_id
   WHERE c.outcome = 'HELD'
   ORDER BY s.id;

  RETURN QUERY
    SELECT c.reservation_id, c.outcome,
           CASE WHEN c.outcome = 'HELD' THEN c.total ELSE 0 END,
           CASE WHEN c.outcome = 'HELD' THEN c.currency END,
           CASE WHEN c.outcome = 'TOO_MANY_SEATS' THEN c.max_seats END,
           CASE WHEN c.outcome = 'SEAT_TAKEN' THEN c.taken_seat_ids END,
           NULL::text
      FROM jsonb_to_recordset(checked) AS c(
             reservation_id uuid, outcome text, total integer, currency text,
             max_seats integer, taken_seat_ids uuid[]);
END;
$$;

-- create_holds tries the batch together first. The previous create_holds, each hold in
-- its own subtransaction in (user, performance) order, stays as the fallback.
ALTER FUNCTION "create_holds"(jsonb) RENAME TO "create_holds_one_by_one";

CREATE FUNCTION "create_holds"(p_holds jsonb)
RETURNS SETOF "hold_answer"
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  answers "hold_answer"[];
BEGIN
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
