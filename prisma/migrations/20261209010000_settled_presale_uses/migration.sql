-- AlterTable
ALTER TABLE "presale_uses" ADD COLUMN "kept_at" TIMESTAMPTZ(3);

-- DropIndex
DROP INDEX "presale_uses_returned_at_turn_ends_at_idx";

-- ---------------------------------------------------------------------------------------
-- Hand-written: the worker's sweep of ended turns (give-back-ended-presale-turns.ts) reads
-- only uses still out.
--
-- It looked back one hour, so a use whose end report was lost while the worker was down
-- longer was never returned; without the window, an index on every use ever spent would
-- grow without bound under a sweep every few seconds. A use is settled once it is given
-- back (returned_at) or kept for good (kept_at: a hold of its turn was bought, which keeps
-- the use whatever happens after, reservation_keeps_presale_use); the sweep marks the
-- latter. This index holds the unsettled uses only, so the sweep reads those few. Uses
-- spent before turns were recorded (no turn_ends_at) are never given back and stay out.
-- ---------------------------------------------------------------------------------------
CREATE INDEX "presale_uses_unsettled_turn_ends_at_idx" ON "presale_uses"("turn_ends_at")
 WHERE "returned_at" IS NULL AND "kept_at" IS NULL AND "turn_ends_at" IS NOT NULL;

-- Uses already bought for are kept for good from now on.
UPDATE "presale_uses" u SET "kept_at" = now()
 WHERE u."returned_at" IS NULL
   AND EXISTS (SELECT 1 FROM "reservations" r
                WHERE r."presale_use_id" = u."id" AND r."confirmed_at" IS NOT NULL);
