-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "refund_requested_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "reservations" ADD COLUMN     "checkout_attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "checkout_completed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "payments_status_refund_requested_at_idx" ON "payments"("status", "refund_requested_at");

-- ---------------------------------------------------------------------------------------
-- Hand-written: paid means yours.
--
-- The webhook records a completed payment in PostgreSQL at once; the confirmation follows
-- through the outbox, Kafka and the worker, which may lag by minutes. Hold expiry works
-- straight in PostgreSQL. So the rule "a recorded payment keeps its hold" lives here,
-- where neither the sweeper, a Redis notification, a failed-payment event nor the buyer's
-- release can get around it, whatever order they run in.
-- ---------------------------------------------------------------------------------------

-- A PENDING reservation with a completed payment can only become CONFIRMED (or REFUNDED by
-- the payment handler): expiring, failing or releasing it would put paid seats back on
-- sale. The check runs on the locked row with a fresh snapshot (volatile function, READ
-- COMMITTED). The webhook locks the reservation row (FOR NO KEY UPDATE) while it records
-- a payment, so an expiry racing it waits for that commit and then sees the payment (the
-- foreign key's own FOR KEY SHARE lock would not make it wait).
CREATE FUNCTION "reservations_keep_paid_holds"() RETURNS trigger
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF OLD.status = 'PENDING' AND NEW.status IN ('EXPIRED', 'FAILED', 'CANCELLED')
     AND EXISTS (SELECT 1 FROM payments
                  WHERE reservation_id = NEW.id AND status = 'COMPLETED') THEN
    RAISE EXCEPTION 'reservation % has a completed payment and cannot become %',
      NEW.id, NEW.status
      USING ERRCODE = 'check_violation', HINT = 'paid_hold';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "reservations_keep_paid_holds"
  BEFORE UPDATE OF "status" ON "reservations"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION "reservations_keep_paid_holds"();

-- A hold that lapsed (EXPIRED) or whose payment failed (FAILED) may still be sold to the
-- buyer whose payment arrives late, when its seats are still free: the double-sale index
-- decides, so a seat someone else took meanwhile makes the revival fail (23505) and the
-- payment is refunded instead. A buyer's own release or cancellation stays final.
CREATE OR REPLACE FUNCTION "reservations_check_status_change"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NOT "reservation_status_holds_seats"(OLD.status)
     AND "reservation_status_holds_seats"(NEW.status)
     AND NOT (OLD.status IN ('EXPIRED', 'FAILED') AND NEW.status = 'CONFIRMED') THEN
    RAISE EXCEPTION 'reservation % is % and cannot become %: its seats were released',
      OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'CONFIRMED' AND OLD.status <> 'CONFIRMED' THEN
    NEW.confirmed_at := coalesce(NEW.confirmed_at, now());
    NEW.closed_at := NULL;
  END IF;
  IF NOT "reservation_status_holds_seats"(NEW.status) AND "reservation_status_holds_seats"(OLD.status) THEN
    NEW.closed_at := coalesce(NEW.closed_at, now());
  END IF;
  RETURN NEW;
END;
$$;

-- Sells a lapsed hold to its late payment if every seat is still free. One statement in a
-- subtransaction: the unique violation of a taken seat undoes it and answers false.
CREATE FUNCTION "revive_paid_reservation"(p_reservation_id uuid) RETURNS boolean
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  UPDATE reservations
     SET status = 'CONFIRMED', status_reason = NULL, confirmed_at = now(), updated_at = now()
   WHERE id = p_reservation_id AND status IN ('EXPIRED', 'FAILED');
  RETURN FOUND;
EXCEPTION WHEN unique_violation THEN
  RETURN false;
END;
$$;
