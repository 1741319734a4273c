-- The sale's fairness report as last computed after it closed, kept in PostgreSQL so it
-- outlives the queue's records in Redis.
ALTER TABLE "sale_fairness" ADD COLUMN "final_report" JSONB;
