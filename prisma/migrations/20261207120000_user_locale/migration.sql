-- The buyer's language, so mail reaches them in it; null (every existing account) is
-- English. The check keeps the column to the tags the application speaks, or their kind.
ALTER TABLE "users" ADD COLUMN "locale" VARCHAR(8);
ALTER TABLE "users" ADD CONSTRAINT "users_locale_check" CHECK ("locale" ~ '^[a-z]{2}$');
