-- The organizer's name and email search (web/src/server/orders/) reads these trigram
-- indexes. With GIN's fast update on, new buyers wait in a pending list that every search
-- scans whole until a vacuum merges it: after a burst of sign-ups (a sale's opening) a
-- search for a rare name took 60 ms instead of under 1. Sign-ups are few beside searches
-- and pay the merge themselves instead.
ALTER INDEX "users_name_trgm_idx" SET (fastupdate = off);
ALTER INDEX "users_email_trgm_idx" SET (fastupdate = off);

-- Turning fast update off keeps what is already pending: merge it now.
SELECT gin_clean_pending_list('users_name_trgm_idx'::regclass);
SELECT gin_clean_pending_list('users_email_trgm_idx'::regclass);
