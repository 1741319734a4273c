-- Hand-written: a grade is priced in its performance's currency, always.
--
-- Grades carry a copy of their performance's currency (every amount is minor units plus a
-- code, and a grade's price is read without its performance on hot paths). Until now only
-- the application kept the copies equal. Now the database does:
--   - a grade written with another currency than its performance's is refused
--     (check_violation, named seat_grades_currency_of_performance);
--   - changing a performance's currency moves every one of its grades in the same statement.
-- The application refuses the change itself while anything is reserved (CURRENCY_LOCKED):
-- an amount owed or paid keeps the currency it was taken in.

CREATE FUNCTION "seat_grade_currency_of_performance"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.currency IS DISTINCT FROM
     (SELECT p.currency FROM performances p WHERE p.id = NEW.performance_id) THEN
    RAISE EXCEPTION 'seat grade % is priced in %, not in its performance''s currency',
      NEW.id, NEW.currency
      USING ERRCODE = 'check_violation', CONSTRAINT = 'seat_grades_currency_of_performance';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "seat_grades_currency_of_performance"
  BEFORE INSERT OR UPDATE OF currency, performance_id ON "seat_grades"
  FOR EACH ROW EXECUTE FUNCTION "seat_grade_currency_of_performance"();

CREATE FUNCTION "performance_currency_to_grades"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE seat_grades SET currency = NEW.currency WHERE performance_id = NEW.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "performances_currency_to_grades"
  AFTER UPDATE OF currency ON "performances"
  FOR EACH ROW WHEN (OLD.currency IS DISTINCT FROM NEW.currency)
  EXECUTE FUNCTION "performance_currency_to_grades"();
