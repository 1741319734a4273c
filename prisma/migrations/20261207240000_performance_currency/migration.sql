-- The organizer chooses a performance's currency; its grades carry a copy. Existing
-- performances take their grades' currency (all were EUR), EUR when they have none.
ALTER TABLE "performances" ADD COLUMN "currency" CHAR(3);

UPDATE "performances" AS p
SET "currency" = COALESCE(
  (SELECT g."currency" FROM "seat_grades" AS g WHERE g."performance_id" = p."id" ORDER BY g."sort_order", g."id" LIMIT 1),
  'EUR'
);

ALTER TABLE "performances" ALTER COLUMN "currency" SET NOT NULL;
