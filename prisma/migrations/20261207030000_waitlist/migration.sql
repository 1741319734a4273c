-- CreateEnum
CREATE TYPE "WaitlistStatus" AS ENUM ('WAITING', 'OFFERED', 'ACCEPTED', 'PASSED', 'LEFT', 'CLOSED');

-- AlterTable
ALTER TABLE "reservations" ADD COLUMN     "offer_accepted_at" TIMESTAMPTZ(3),
ADD COLUMN     "waitlist_entry_id" UUID;

-- AlterTable
ALTER TABLE "schedules" ADD COLUMN     "waitlist_closed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "waitlist_entries" (
    "id" UUID NOT NULL,
    "schedule_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" "WaitlistStatus" NOT NULL DEFAULT 'WAITING',
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "waitlist_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "waitlist_entries_schedule_id_status_joined_at_idx" ON "waitlist_entries"("schedule_id", "status", "joined_at");

-- CreateIndex
CREATE INDEX "waitlist_entries_user_id_idx" ON "waitlist_entries"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_entries_schedule_id_user_id_key" ON "waitlist_entries"("schedule_id", "user_id");

-- CreateIndex
CREATE INDEX "reservations_waitlist_entry_id_idx" ON "reservations"("waitlist_entry_id");

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_waitlist_entry_id_fkey" FOREIGN KEY ("waitlist_entry_id") REFERENCES "waitlist_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "schedules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: a waitlist entry wants 1 to 4 seats together.
ALTER TABLE "waitlist_entries"
  ADD CONSTRAINT "waitlist_entries_quantity_check" CHECK ("quantity" BETWEEN 1 AND 4);
