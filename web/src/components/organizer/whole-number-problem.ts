/** What the form says for each way a typed whole number can be wrong, in the page's language. */
export interface WholeNumberWords {
  whole: string;
  min: string;
  max: string;
}

/**
 * The problem with a whole number typed into a form, in the form's own words ("At least 1
 * row."), or null. Checked before sending, so the organizer never reads a validator's text.
 */
export function wholeNumberProblem(
  value: number,
  limits: { min: number; max: number },
  words: WholeNumberWords,
): string | null {
  if (!Number.isInteger(value)) return words.whole;
  if (value < limits.min) return words.min;
  if (value > limits.max) return words.max;
  return null;
}
