import { checkDependencies } from "@/server/health/check-dependencies";

export const dynamic = "force-dynamic";

/** Readiness: send buyers here only when what every booking request needs answers. */
export function GET(): Promise<Response> {
  return checkDependencies();
}
