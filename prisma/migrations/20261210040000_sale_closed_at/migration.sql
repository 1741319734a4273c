-- When the sale was last closed (sale_status CLOSED), null while it is not. The fairness
-- record needs it: a sale closed before its general sale's instant never holds that round,
-- while one closed after it should have, and only the moment of closing tells them apart.
-- Kept by the database, so every path that closes or reopens a sale sets it the same way.
ALTER TABLE "performances" ADD COLUMN "sale_closed_at" TIMESTAMPTZ(3);

-- The best moment known for sales closed before this column existed: their last edit. A
-- presale's sale whose general round is not recorded is taken to have closed before that
-- round's instant, since a later edit (a rename) must not make the record demand a round.
UPDATE "performances" AS p
SET "sale_closed_at" = CASE
  WHEN p."general_sale_opens_at" IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "sale_fairness" AS f
    WHERE f."performance_id" = p."id" AND f."general_shuffled_at" IS NOT NULL
  )
  THEN LEAST(p."updated_at", p."general_sale_opens_at" - interval '1 millisecond')
  ELSE p."updated_at"
END
WHERE p."sale_status" = 'CLOSED';

ALTER TABLE "performances" ADD CONSTRAINT "performances_sale_closed_at_when_closed"
  CHECK (("sale_status" = 'CLOSED') = ("sale_closed_at" IS NOT NULL));

CREATE FUNCTION "performance_sale_closed_at"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.sale_status <> 'CLOSED' THEN
    NEW.sale_closed_at := NULL;
  ELSIF TG_OP = 'INSERT' OR OLD.sale_status <> 'CLOSED' THEN
    NEW.sale_closed_at := now();
  ELSE
    NEW.sale_closed_at := OLD.sale_closed_at;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "performances_sale_closed_at"
  BEFORE INSERT OR UPDATE ON "performances"
  FOR EACH ROW EXECUTE FUNCTION "performance_sale_closed_at"();
