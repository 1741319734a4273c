-- AlterTable
ALTER TABLE "performances" ADD COLUMN     "queue_require_verified_email" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "email_verified_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "email_verifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_verifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "email_verifications_user_id_idx" ON "email_verifications"("user_id");

-- AddForeignKey
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written backfill. Every account that exists before this migration counts as
-- verified: these were valid buyers before joining a line needed a verified address, and
-- locking them out of the next sale for a rule they never met would punish the wrong
-- people. That includes the accounts made by a GitHub sign-in, whose address GitHub had
-- verified (only verified GitHub addresses ever opened or linked an account).
UPDATE "users" SET "email_verified_at" = now() WHERE "email_verified_at" IS NULL;
