-- AlterTable
ALTER TABLE "halls" ADD COLUMN     "aisle_after_columns" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "aisle_after_rows" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "sections" JSONB NOT NULL DEFAULT '[]';

-- ---------------------------------------------------------------------------------------
-- Hand-written: aisles and sections of a hall, drawn on its seat maps. Existing halls
-- get none and look as before.
--
-- The cheap rules are the database's too: an aisle lies between two rows (or columns)
-- of the hall, at most 20 of each, no NULL among them, and sections is a list of at most
-- 20. That sections stay inside the hall and do not overlap is the admin API's check
-- (under the hall's row lock), as is a resize that would leave an aisle outside (answered
-- in words before it reaches these CHECKs).
-- ---------------------------------------------------------------------------------------

ALTER TABLE "halls"
  ALTER COLUMN "aisle_after_columns" SET NOT NULL,
  ALTER COLUMN "aisle_after_rows" SET NOT NULL,
  ADD CONSTRAINT "halls_aisle_after_rows_inside" CHECK (
    cardinality("aisle_after_rows") <= 20
    AND array_position("aisle_after_rows", NULL) IS NULL
    AND 1 <= ALL ("aisle_after_rows") AND "row_count" > ALL ("aisle_after_rows")),
  ADD CONSTRAINT "halls_aisle_after_columns_inside" CHECK (
    cardinality("aisle_after_columns") <= 20
    AND array_position("aisle_after_columns", NULL) IS NULL
    AND 1 <= ALL ("aisle_after_columns") AND "column_count" > ALL ("aisle_after_columns")),
  ADD CONSTRAINT "halls_sections_list" CHECK (
    jsonb_typeof("sections") = 'array' AND jsonb_array_length("sections") <= 20);
