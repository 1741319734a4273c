import "server-only";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { getSessionUser, type SessionUser } from "../auth/session";

/** The door page's gate: anonymous visitors sign in and come back, buyers get the 403 page. */
export async function requireDoorPage(callbackUrl: string): Promise<SessionUser> {
  await connection();
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (user.role !== "STAFF" && user.role !== "ADMIN") forbidden();
  return user;
}
