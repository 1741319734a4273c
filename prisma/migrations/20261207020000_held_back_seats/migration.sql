-- AlterTable
ALTER TABLE "seats" ADD COLUMN     "held_back_at" TIMESTAMPTZ(3);

-- ---------------------------------------------------------------------------------------
-- Hand-written: a seat the organizer held back (house seats, camera positions) cannot be
-- held or sold until it is released.
--
-- The refusal is the double-sale index's own (unique_violation on
-- reservation_seats_seat_id_active_key): a held-back seat is a seat the house holds, so
-- every path that already handles a taken seat handles it too (create_hold answers
-- SEAT_TAKEN, create_holds falls back hold by hold, revive_paid_reservation refunds).
--
-- The read of held_back_at needs no lock of its own: a hold (and a revival) first takes
-- its schedule row FOR SHARE (reservations_refuse_cancelled_show, revive_paid_reservation)
-- and the organizer holds seats back under that row locked FOR UPDATE, so either the hold
-- committed first (the seat is no longer AVAILABLE and the organizer is refused), or it
-- waited for the organizer's commit and this statement's snapshot sees it.
--
-- Fires after reservation_seats_derive_active (triggers run in name order), so NEW.active
-- is already derived from the reservation's status.
-- ---------------------------------------------------------------------------------------

CREATE FUNCTION "reservation_seats_refuse_held_back"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.active AND (TG_OP = 'INSERT' OR OLD.active IS NULL)
     AND EXISTS (SELECT 1 FROM seats WHERE id = NEW.seat_id AND held_back_at IS NOT NULL) THEN
    RAISE EXCEPTION 'seat % is held back by the organizer', NEW.seat_id
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'reservation_seats_seat_id_active_key';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "reservation_seats_refuse_held_back"
  BEFORE INSERT OR UPDATE ON "reservation_seats"
  FOR EACH ROW EXECUTE FUNCTION "reservation_seats_refuse_held_back"();
