-- Hand-written: rules that Prisma's schema language cannot express.
--
-- Prisma's diff does not model CHECK constraints, functions or triggers, so the drift
-- check (scripts/migrate.ts check) stays green and later generated migrations leave
-- everything here alone. Change these rules only in a new hand-written migration.

-- ---------------------------------------------------------------------------------------
-- 1. Value checks
-- ---------------------------------------------------------------------------------------

-- The application looks users up by lower-cased email; a mixed-case row would be a
-- second account for the same address.
ALTER TABLE "users"
  ADD CONSTRAINT "users_email_lower_case_check" CHECK ("email" = lower("email"));

ALTER TABLE "halls"
  ADD CONSTRAINT "halls_size_check" CHECK ("row_count" > 0 AND "column_count" > 0);

ALTER TABLE "performances"
  ADD CONSTRAINT "performances_booking_window_check" CHECK ("booking_opens_at" < "booking_closes_at"),
  ADD CONSTRAINT "performances_show_dates_check" CHECK ("first_show_at" <= "last_show_at"),
  ADD CONSTRAINT "performances_runtime_check" CHECK ("runtime_minutes" > 0),
  ADD CONSTRAINT "performances_max_seats_check" CHECK ("max_seats_per_reservation" > 0),
  ADD CONSTRAINT "performances_queue_settings_check" CHECK (
    ("queue_max_active" IS NULL OR "queue_max_active" > 0)
    AND ("queue_admit_rate_per_sec" IS NULL OR "queue_admit_rate_per_sec" > 0)
    AND ("queue_token_ttl_seconds" IS NULL OR "queue_token_ttl_seconds" > 0)
    AND ("queue_refuse_ratio" IS NULL OR "queue_refuse_ratio" > 0)
  );

ALTER TABLE "seat_grades"
  ADD CONSTRAINT "seat_grades_price_check" CHECK ("price_minor" >= 0),
  ADD CONSTRAINT "seat_grades_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "seat_grades_colour_check" CHECK ("colour" ~ '^#[0-9A-Fa-f]{6}$');

ALTER TABLE "seats"
  ADD CONSTRAINT "seats_position_check" CHECK ("row_number" > 0 AND "column_number" > 0);

ALTER TABLE "reservations"
  ADD CONSTRAINT "reservations_amount_check" CHECK ("amount_minor" >= 0),
  ADD CONSTRAINT "reservations_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "reservations_checkout_check"
    CHECK (("checkout_provider" IS NULL) = ("checkout_session_id" IS NULL));

-- `active` is TRUE or NULL, never FALSE: a FALSE row would be unique per seat too, and a
-- seat's second released reservation would then collide with its first.
ALTER TABLE "reservation_seats"
  ADD CONSTRAINT "reservation_seats_price_check" CHECK ("price_minor" >= 0),
  ADD CONSTRAINT "reservation_seats_active_check" CHECK ("active" IS NULL OR "active");

ALTER TABLE "payments"
  ADD CONSTRAINT "payments_amount_check" CHECK ("amount_minor" >= 0),
  ADD CONSTRAINT "payments_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "outbox_events"
  ADD CONSTRAINT "outbox_events_attempts_check" CHECK ("attempts" >= 0);

-- ---------------------------------------------------------------------------------------
-- 2. No double sale
--
-- The unique index reservation_seats(seat_id, active) admits one active row per seat.
-- The triggers below make `active` and seats.status pure functions of reservation
-- status, so no code path can hold a seat without the index seeing it, or release a
-- reservation and leave its seats blocked.
--
--   reservation status      reservation_seats.active   seats.status
--   PENDING                 TRUE                       HELD
--   CONFIRMED               TRUE                       SOLD
--   EXPIRED/FAILED/         NULL                       AVAILABLE
--   CANCELLED/REFUNDED
--
-- Errors raised here use SQLSTATE 23514 (check_violation); the double sale itself is a
-- 23505 unique violation on reservation_seats_seat_id_active_key.
-- ---------------------------------------------------------------------------------------

CREATE FUNCTION "reservation_status_holds_seats"(status "ReservationStatus")
  RETURNS boolean
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT status IN ('PENDING', 'CONFIRMED') $$;

-- Whatever the application writes into `active`, the reservation's status decides it.
-- Also refuses a seat of another schedule than the reservation's.
CREATE FUNCTION "reservation_seats_derive_active"() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  reservation_status "ReservationStatus";
  reservation_schedule uuid;
  seat_schedule uuid;
BEGIN
  SELECT status, schedule_id INTO reservation_status, reservation_schedule
    FROM reservations WHERE id = NEW.reservation_id;
  SELECT schedule_id INTO seat_schedule FROM seats WHERE id = NEW.seat_id;
  -- A missing reservation or seat is left to the foreign keys to report.
  IF reservation_schedule IS NOT NULL AND seat_schedule IS NOT NULL
     AND reservation_schedule <> seat_schedule THEN
    RAISE EXCEPTION 'seat % belongs to another schedule than reservation %',
      NEW.seat_id, NEW.reservation_id
      USING ERRCODE = 'check_violation';
  END IF;
  NEW.active := CASE WHEN "reservation_status_holds_seats"(reservation_status) THEN TRUE END;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "reservation_seats_derive_active"
  BEFORE INSERT OR UPDATE ON "reservation_seats"
  FOR EACH ROW EXECUTE FUNCTION "reservation_seats_derive_active"();

-- seats.status follows the seat's active reservation row.
CREATE FUNCTION "reservation_seats_sync_seat_status"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.active THEN
    IF TG_OP = 'DELETE' OR NEW.active IS NULL OR NEW.seat_id <> OLD.seat_id THEN
      UPDATE seats SET status = 'AVAILABLE' WHERE id = OLD.seat_id;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.active THEN
    UPDATE seats
       SET status = CASE r.status WHEN 'CONFIRMED' THEN 'SOLD' ELSE 'HELD' END::"SeatStatus"
      FROM reservations r
     WHERE seats.id = NEW.seat_id AND r.id = NEW.reservation_id;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "reservation_seats_sync_seat_status"
  AFTER INSERT OR UPDATE OR DELETE ON "reservation_seats"
  FOR EACH ROW EXECUTE FUNCTION "reservation_seats_sync_seat_status"();

-- A reservation that released its seats can never take them back: by then they may be
-- someone else's (a payment landing after the hold expired must be refunded instead).
-- Also stamps confirmed_at / closed_at when the application did not.
CREATE FUNCTION "reservations_check_status_change"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NOT "reservation_status_holds_seats"(OLD.status)
     AND "reservation_status_holds_seats"(NEW.status) THEN
    RAISE EXCEPTION 'reservation % is % and cannot become %: its seats were released',
      OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'CONFIRMED' AND OLD.status <> 'CONFIRMED' THEN
    NEW.confirmed_at := coalesce(NEW.confirmed_at, now());
  END IF;
  IF NOT "reservation_status_holds_seats"(NEW.status) AND "reservation_status_holds_seats"(OLD.status) THEN
    NEW.closed_at := coalesce(NEW.closed_at, now());
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "reservations_check_status_change"
  BEFORE UPDATE OF "status" ON "reservations"
  FOR EACH ROW EXECUTE FUNCTION "reservations_check_status_change"();

CREATE FUNCTION "reservations_propagate_status"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  -- The value is recomputed by reservation_seats_derive_active; updating the rows is
  -- what matters, so that their triggers run.
  UPDATE reservation_seats
     SET active = CASE WHEN "reservation_status_holds_seats"(NEW.status) THEN TRUE END
   WHERE reservation_id = NEW.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "reservations_propagate_status"
  AFTER UPDATE OF "status" ON "reservations"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION "reservations_propagate_status"();

-- seats.status is derived: a direct write would disagree with the reservations sooner
-- or later, so only the triggers above may change it, and new seats start AVAILABLE.
CREATE FUNCTION "seats_guard_status"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' AND NEW.status <> 'AVAILABLE' THEN
    RAISE EXCEPTION 'new seats start AVAILABLE; hold or sell them through reservations'
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'seats.status follows reservations; change the reservation instead'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "seats_guard_status"
  BEFORE INSERT OR UPDATE OF "status" ON "seats"
  FOR EACH ROW EXECUTE FUNCTION "seats_guard_status"();
