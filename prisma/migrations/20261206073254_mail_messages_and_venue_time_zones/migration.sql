-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'DEAD');

-- AlterTable
ALTER TABLE "halls" ADD COLUMN     "time_zone" VARCHAR(64) NOT NULL DEFAULT 'Asia/Seoul';

-- CreateTable
CREATE TABLE "mail_messages" (
    "id" UUID NOT NULL,
    "event_id" VARCHAR(100) NOT NULL,
    "recipient" VARCHAR(320) NOT NULL,
    "template" VARCHAR(50) NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "mail_messages_status_next_attempt_at_idx" ON "mail_messages"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "mail_messages_event_id_recipient_template_key" ON "mail_messages"("event_id", "recipient", "template");
