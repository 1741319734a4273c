-- AlterTable
ALTER TABLE "mail_messages" ADD COLUMN     "tickets_of" UUID;
