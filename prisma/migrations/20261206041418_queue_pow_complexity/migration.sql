-- AlterTable
ALTER TABLE "performances" ADD COLUMN     "queue_pow_complexity" INTEGER;
