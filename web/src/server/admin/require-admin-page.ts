import "server-only";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { adminPageAccess } from "./admin-page-access";

/**
 * Every organizer page starts with `await requireAdminPage(path)`, before it queries
 * anything. Anonymous visitors are sent to sign in and come back; a signed-in buyer gets
 * app/organizer/forbidden.tsx with a real 403 status (forbidden() interrupts the render
 * before streaming starts, so the status can still be set).
 */
export async function requireAdminPage(callbackUrl: string): Promise<void> {
  await connection();
  const access = await adminPageAccess();
  if (access === "anonymous") redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (access === "forbidden") forbidden();
}
