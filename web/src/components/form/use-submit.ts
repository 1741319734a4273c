"use client";

import { useState, type SubmitEvent } from "react";
import { ApiError } from "../api-client";
import { useErrorText, useFieldErrorText } from "../use-error-text";
import { useHydrated } from "../use-hydrated";

/** How a submission ended when its action did not throw. */
export type SubmitOutcome =
  /** The page is moving on: the button stays disabled until it has. */
  | { leaving: true }
  /** Done; the words for the form's status line. */
  | { note: string }
  /** Refused: what to show above the form and beside its fields. */
  | { alert?: string; errors?: Record<string, string> }
  /** Done, nothing to say. */
  | undefined;

export interface SubmitProblem {
  alert?: string | null;
  errors?: Record<string, string>;
}

/**
 * An API refusal says what was wrong and where; anything else is our fault, said plainly.
 * In the page's language: `fieldRules` are the form's own words for its fields (by path),
 * said beside a field the API refused where the API's English will not do.
 */
function useDescribeFailure(fieldRules: Record<string, string>): (error: unknown) => SubmitProblem {
  const errorText = useErrorText();
  const fieldErrorText = useFieldErrorText();
  return (error) =>
    error instanceof ApiError
      ? { alert: errorText(error), errors: fieldErrorText(error, fieldRules) }
      : { alert: errorText(error) };
}

/**
 * The state every form of the app keeps while it submits: pending (the button disabled),
 * ready (hydrated: until then the submit button is disabled too, or a click would submit
 * the bare HTML form natively),
 * the alert above the form, errors beside the fields, and a status note once done. Each
 * submission starts clean; what `action` throws becomes the alert and the field errors
 * (`describeError` for forms whose failures say something else).
 */
export function useSubmit(
  action: (form: FormData) => Promise<SubmitOutcome>,
  {
    initialAlert = null,
    describeError,
    fieldRules = {},
  }: {
    initialAlert?: string | null;
    describeError?: (error: unknown) => SubmitProblem;
    fieldRules?: Record<string, string>;
  } = {},
) {
  const describeFailure = useDescribeFailure(fieldRules);
  const ready = useHydrated();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(initialAlert);
  const [note, setNote] = useState<string | null>(null);

  async function run(form: FormData) {
    setPending(true);
    setErrors({});
    setAlert(null);
    setNote(null);
    let outcome: SubmitOutcome;
    try {
      outcome = await action(form);
    } catch (error) {
      outcome = undefined;
      const problem = (describeError ?? describeFailure)(error);
      setErrors(problem.errors ?? {});
      setAlert(problem.alert ?? null);
    }
    if (outcome && "leaving" in outcome) return;
    if (outcome && "note" in outcome) setNote(outcome.note);
    else if (outcome) {
      setErrors(outcome.errors ?? {});
      setAlert(outcome.alert ?? null);
    }
    setPending(false);
  }

  return {
    pending,
    ready,
    errors,
    alert,
    note,
    onSubmit: (event: SubmitEvent<HTMLFormElement>) => {
      event.preventDefault();
      void run(new FormData(event.currentTarget));
    },
  };
}
