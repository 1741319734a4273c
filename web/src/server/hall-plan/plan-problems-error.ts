import "server-only";
import { AppError } from "@ticketping/common/errors";
import type { PlanProblem } from "./find-plan-problems";
import { planProblemWords } from "./plan-problem-words";

/**
 * Problems only the hall's size reveals, in the shape of a zod refusal (with each code).
 * `at` is where the plan lies in the request's body ("plan" when it comes with a new hall).
 */
export function planProblemsError(problems: PlanProblem[], { at }: { at?: string } = {}): AppError {
  const issues = problems.map((problem) => ({
    path: at ? `${at}.${problem.path}` : problem.path,
    message: planProblemWords(problem),
    code: problem.code,
  }));
  return new AppError("VALIDATION_FAILED", `invalid hall plan: ${issues[0]?.path ?? ""}`, {
    userMessage: issues[0]?.message ?? "Some fields are not valid.",
    details: { issues },
  });
}
