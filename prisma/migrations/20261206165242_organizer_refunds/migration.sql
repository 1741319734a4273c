-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('REQUESTED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "RefundCause" AS ENUM ('ORGANIZER', 'SHOW_CANCELLED');

-- AlterTable
ALTER TABLE "reservation_seats" ADD COLUMN     "kept_off_sale" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "refund_id" UUID;

-- AlterTable
ALTER TABLE "schedules" ADD COLUMN     "cancel_reason" TEXT,
ADD COLUMN     "cancelled_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "refunds" (
    "id" UUID NOT NULL,
    "reservation_id" UUID NOT NULL,
    "payment_id" UUID NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "cause" "RefundCause" NOT NULL,
    "reason" TEXT NOT NULL,
    "release_seats" BOOLEAN NOT NULL,
    "status" "RefundStatus" NOT NULL DEFAULT 'REQUESTED',
    "requested_by_id" UUID,
    "provider_refund_id" TEXT,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refunded_at" TIMESTAMPTZ(3),

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "refunds_reservation_id_idx" ON "refunds"("reservation_id");

-- CreateIndex
CREATE INDEX "refunds_payment_id_idx" ON "refunds"("payment_id");

-- CreateIndex
CREATE INDEX "refunds_status_requested_at_idx" ON "refunds"("status", "requested_at");

-- CreateIndex
CREATE INDEX "reservation_seats_refund_id_idx" ON "reservation_seats"("refund_id");

-- AddForeignKey
ALTER TABLE "reservation_seats" ADD CONSTRAINT "reservation_seats_refund_id_fkey" FOREIGN KEY ("refund_id") REFERENCES "refunds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_reservation_id_seat_id_fkey" FOREIGN KEY ("reservation_id", "seat_id") REFERENCES "reservation_seats"("reservation_id", "seat_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------
-- Hand-written: organizer refunds and cancelled shows
--
-- A seat the organizer refunded (refund_id set) no longer holds its seat for the
-- reservation, whatever the reservation's status, unless the organizer kept it off sale:
--
--   reservation status   refund_id   kept_off_sale   active   seats.status
--   PENDING/CONFIRMED    NULL        false           TRUE     HELD/SOLD (as before)
--   any                  set         false           NULL     AVAILABLE (back on sale)
--   any                  set         true            TRUE     SOLD (off sale)
--   other                NULL        false           NULL     AVAILABLE (as before)
-- ---------------------------------------------------------------------------------------

ALTER TABLE "refunds"
  ADD CONSTRAINT "refunds_amount_minor_check" CHECK ("amount_minor" > 0);
ALTER TABLE "reservation_seats"
  ADD CONSTRAINT "reservation_seats_kept_off_sale_check"
  CHECK (NOT "kept_off_sale" OR "refund_id" IS NOT NULL);

CREATE OR REPLACE FUNCTION "reservation_seats_derive_active"() RETURNS trigger
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
  -- A refund is for good: the seat never goes back to its order.
  IF TG_OP = 'UPDATE' AND OLD.refund_id IS NOT NULL
     AND NEW.refund_id IS DISTINCT FROM OLD.refund_id THEN
    RAISE EXCEPTION 'seat % of reservation % was refunded already', NEW.seat_id, NEW.reservation_id
      USING ERRCODE = 'check_violation';
  END IF;
  NEW.active := CASE
    WHEN NEW.kept_off_sale THEN TRUE
    WHEN NEW.refund_id IS NULL AND "reservation_status_holds_seats"(reservation_status) THEN TRUE
  END;
  RETURN NEW;
END;
$$;

-- An active row of a reservation that is no longer PENDING is a sold seat (CONFIRMED, or
-- a refunded seat kept off sale).
CREATE OR REPLACE FUNCTION "reservation_seats_sync_seat_status"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.active THEN
    IF TG_OP = 'DELETE' OR NEW.active IS NULL OR NEW.seat_id <> OLD.seat_id THEN
      UPDATE seats SET status = 'AVAILABLE' WHERE id = OLD.seat_id;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.active THEN
    UPDATE seats
       SET status = CASE r.status WHEN 'PENDING' THEN 'HELD' ELSE 'SOLD' END::"SeatStatus"
      FROM reservations r
     WHERE seats.id = NEW.seat_id AND r.id = NEW.reservation_id;
  END IF;
  RETURN NULL;
END;
$$;

-- A cancelled show takes no new holds, whichever path writes them (create_hold,
-- create_holds_together): SQLSTATE TP001, which the web app answers as SALE_CLOSED.
CREATE FUNCTION "reservations_refuse_cancelled_show"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM schedules
              WHERE id = NEW.schedule_id AND cancelled_at IS NOT NULL) THEN
    RAISE EXCEPTION 'schedule % is cancelled', NEW.schedule_id USING ERRCODE = 'TP001';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "reservations_refuse_cancelled_show"
  BEFORE INSERT ON "reservations"
  FOR EACH ROW EXECUTE FUNCTION "reservations_refuse_cancelled_show"();
