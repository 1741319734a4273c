-- The general sale after a presale gets its own committed shuffle (docs/fairness.md): a
-- second seed, fixed with the first, and the record of its pre-queue's shuffle.
ALTER TABLE "sale_fairness" ADD COLUMN "general_seed" CHAR(64);
ALTER TABLE "sale_fairness" ADD COLUMN "general_shuffled_at" TIMESTAMPTZ(3);
ALTER TABLE "sale_fairness" ADD COLUMN "general_entrants" TEXT[];
ALTER TABLE "sale_fairness" ADD COLUMN "general_line_order" TEXT[];

-- Hand-written: rows made before this column get a seed from PostgreSQL's CSPRNG
-- (gen_random_uuid draws on pg_strong_random; 244 random bits through SHA-256), so every
-- sale has its second commitment from now on.
UPDATE "sale_fairness"
   SET "general_seed" = encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')
 WHERE "general_seed" IS NULL;
ALTER TABLE "sale_fairness" ALTER COLUMN "general_seed" SET NOT NULL;
