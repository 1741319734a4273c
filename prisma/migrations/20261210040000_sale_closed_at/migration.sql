-- When the sale was last closed (sale_status CLOSED), null while it is not. The fairness
-- record needs it: a sale closed before its general sale's instant never holds that round,
-- while one closed after it should have, and only the moment of closing tells them apart.
-- Kept by the database, so every path that closes or reopens a sale sets it the same way.
ALTER TABLE "performances" ADD COLUMN "sale_closed_at" TIMESTAMPTZ(3);

-- The best moment known for sales closed before this column existed.
UPDATE "performances" SET "sale_closed_at" = "updated_at" WHERE "sale_status" = 'CLOSED';

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
