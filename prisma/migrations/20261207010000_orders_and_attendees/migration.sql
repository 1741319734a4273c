-- The organizer's orders and attendees (web/src/server/orders/).

-- Search by any part of a buyer's name or email is ILIKE '%q%', which only a trigram index
-- serves. pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create
-- it without superuser rights.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "reservations_schedule_id_created_at_id_idx" ON "reservations"("schedule_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "users_name_trgm_idx" ON "users" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_email_trgm_idx" ON "users" USING GIN ("email" gin_trgm_ops);
