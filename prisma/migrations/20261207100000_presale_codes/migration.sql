-- AlterTable
ALTER TABLE "performances" ADD COLUMN     "general_sale_opens_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "presale_codes" (
    "id" UUID NOT NULL,
    "performance_id" UUID NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "code_hash" CHAR(64) NOT NULL,
    "hint" VARCHAR(8) NOT NULL,
    "label" VARCHAR(100) NOT NULL DEFAULT '',
    "use_limit" INTEGER NOT NULL,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "seat_cap" INTEGER,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "presale_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "presale_uses" (
    "id" UUID NOT NULL,
    "code_id" UUID NOT NULL,
    "performance_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_id" VARCHAR(64) NOT NULL,
    "spent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "returned_at" TIMESTAMPTZ(3),

    CONSTRAINT "presale_uses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "presale_codes_code_hash_key" ON "presale_codes"("code_hash");

-- CreateIndex
CREATE INDEX "presale_codes_performance_id_created_at_idx" ON "presale_codes"("performance_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "presale_uses_token_id_key" ON "presale_uses"("token_id");

-- CreateIndex
CREATE INDEX "presale_uses_performance_id_user_id_idx" ON "presale_uses"("performance_id", "user_id");

-- CreateIndex
CREATE INDEX "presale_uses_code_id_idx" ON "presale_uses"("code_id");

-- AddForeignKey
ALTER TABLE "presale_codes" ADD CONSTRAINT "presale_codes_performance_id_fkey" FOREIGN KEY ("performance_id") REFERENCES "performances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presale_uses" ADD CONSTRAINT "presale_uses_code_id_fkey" FOREIGN KEY ("code_id") REFERENCES "presale_codes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presale_uses" ADD CONSTRAINT "presale_uses_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------
-- Hand-written: the presale lies strictly inside the booking window, and a code's uses
-- never leave 0..use_limit, whatever path writes them. Web maps these names to 400
-- VALIDATION_FAILED (performances_presale_window) and 409 CONFLICT (the others).
-- ---------------------------------------------------------------------------------------
ALTER TABLE "performances" ADD CONSTRAINT "performances_presale_window"
  CHECK ("general_sale_opens_at" IS NULL
         OR ("general_sale_opens_at" > "booking_opens_at"
             AND "general_sale_opens_at" < "booking_closes_at"));

ALTER TABLE "presale_codes" ADD CONSTRAINT "presale_codes_kind"
  CHECK ("kind" IN ('SINGLE', 'SHARED'));
ALTER TABLE "presale_codes" ADD CONSTRAINT "presale_codes_uses_within_limit"
  CHECK ("use_limit" >= 1 AND "uses" >= 0 AND "uses" <= "use_limit");
ALTER TABLE "presale_codes" ADD CONSTRAINT "presale_codes_single_use"
  CHECK ("kind" <> 'SINGLE' OR "use_limit" = 1);
ALTER TABLE "presale_codes" ADD CONSTRAINT "presale_codes_seat_cap"
  CHECK ("seat_cap" IS NULL OR "seat_cap" >= 1);
