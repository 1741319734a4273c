import { redirect } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { adminPageAccess } from "@/server/admin/admin-page-access";
import { Forbidden } from "../forbidden";

/**
 * Every organizer page starts with `const denied = await denyNonAdmin(path); if (denied)
 * return denied;` so that nothing is queried for a visitor who may not see it.
 * Anonymous visitors are sent to sign in and come back; buyers get the 403 page.
 */
export async function denyNonAdmin(callbackUrl: string): Promise<ReactNode | null> {
  await connection();
  const access = await adminPageAccess();
  if (access === "anonymous") redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (access === "forbidden") return <Forbidden what="The organizer console" />;
  return null;
}
