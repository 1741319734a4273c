-- Hand-written: a refund of free seats (a grade may cost 0) is 0, recorded as made at once
-- with no provider call (requestOrganizerRefund).
ALTER TABLE "refunds" DROP CONSTRAINT "refunds_amount_minor_check";
ALTER TABLE "refunds"
  ADD CONSTRAINT "refunds_amount_minor_check" CHECK ("amount_minor" >= 0);
