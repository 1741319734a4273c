import { checkDependencies } from "@/server/health/check-dependencies";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return checkDependencies();
}
