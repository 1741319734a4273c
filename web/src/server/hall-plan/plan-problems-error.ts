import "server-only";
import { AppError } from "@ticketping/common/errors";
import type { PlanProblem } from "./find-plan-problems";
import { planProblemWords } from "./plan-problem-words";

/** Problems only the hall's size reveals, in the shape of a zod refusal (with each code). */
export function planProblemsError(problems: PlanProblem[]): AppError {
  const issues = problems.map((problem) => ({
    path: problem.path,
    message: planProblemWords(problem),
    code: problem.code,
  }));
  return new AppError("VALIDATION_FAILED", `invalid hall plan: ${issues[0]?.path ?? ""}`, {
    userMessage: issues[0]?.message ?? "Some fields are not valid.",
    details: { issues },
  });
}
