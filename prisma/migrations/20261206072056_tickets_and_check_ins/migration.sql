-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'STAFF';

-- CreateTable
CREATE TABLE "tickets" (
    "id" UUID NOT NULL,
    "reservation_id" UUID NOT NULL,
    "seat_id" UUID NOT NULL,
    "schedule_id" UUID NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_ins" (
    "ticket_id" UUID NOT NULL,
    "gate" VARCHAR(50) NOT NULL,
    "staff_user_id" UUID NOT NULL,
    "scanned_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offline" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "check_ins_pkey" PRIMARY KEY ("ticket_id")
);

-- CreateIndex
CREATE INDEX "tickets_schedule_id_idx" ON "tickets"("schedule_id");

-- CreateIndex
CREATE UNIQUE INDEX "tickets_reservation_id_seat_id_key" ON "tickets"("reservation_id", "seat_id");

-- CreateIndex
CREATE INDEX "check_ins_gate_idx" ON "check_ins"("gate");

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_seat_id_fkey" FOREIGN KEY ("seat_id") REFERENCES "seats"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "schedules"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tickets are issued by the database in the transaction that confirms a reservation, one
-- per seat, whichever path confirmed it (the worker's confirmation, a late payment revived by
-- revive_paid_reservation): no code path can confirm without them. Random (v4) ids: a ticket
-- id read from one ticket says nothing about its neighbours.
CREATE FUNCTION "reservations_issue_tickets"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "tickets" ("id", "reservation_id", "seat_id", "schedule_id")
  SELECT gen_random_uuid(), rs."reservation_id", rs."seat_id", NEW."schedule_id"
    FROM "reservation_seats" rs
   WHERE rs."reservation_id" = NEW."id"
  ON CONFLICT ("reservation_id", "seat_id") DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "reservations_issue_tickets"
  AFTER UPDATE OF "status" ON "reservations"
  FOR EACH ROW
  WHEN (NEW."status" = 'CONFIRMED' AND OLD."status" <> 'CONFIRMED')
  EXECUTE FUNCTION "reservations_issue_tickets"();

-- A reservation written as CONFIRMED from the start (the demo seed's sold-out show, test
-- fixtures) gets its seats after its own row: issue each seat's ticket as it joins.
CREATE FUNCTION "reservation_seats_issue_ticket"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "tickets" ("id", "reservation_id", "seat_id", "schedule_id")
  SELECT gen_random_uuid(), NEW."reservation_id", NEW."seat_id", r."schedule_id"
    FROM "reservations" r
   WHERE r."id" = NEW."reservation_id" AND r."status" = 'CONFIRMED'
  ON CONFLICT ("reservation_id", "seat_id") DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "reservation_seats_issue_ticket"
  AFTER INSERT ON "reservation_seats"
  FOR EACH ROW EXECUTE FUNCTION "reservation_seats_issue_ticket"();

-- Reservations confirmed before tickets existed get theirs now.
INSERT INTO "tickets" ("id", "reservation_id", "seat_id", "schedule_id")
SELECT gen_random_uuid(), rs."reservation_id", rs."seat_id", r."schedule_id"
  FROM "reservation_seats" rs
  JOIN "reservations" r ON r."id" = rs."reservation_id"
 WHERE r."status" = 'CONFIRMED';
