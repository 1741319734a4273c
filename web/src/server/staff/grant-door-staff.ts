import "server-only";
import { AppError } from "@ticketping/common/errors";
import { forgetSessionUserState } from "../auth/session-state";
import { db } from "../db";
import type { DoorStaffMember } from "./schemas";

/**
 * Makes a buyer's account door staff. Only a USER becomes STAFF: an organizer is never
 * demoted by it. The role change ends the account's sessions (it signs in again as staff).
 */
export async function grantDoorStaff({ email }: { email: string }): Promise<DoorStaffMember> {
  const select = { id: true, email: true, name: true, role: true } as const;
  const user = await db().user.findUnique({ where: { email: email.toLowerCase() }, select });
  if (!user) {
    throw new AppError("NOT_FOUND", "no such account", {
      userMessage: "No account has this email; they sign up first.",
    });
  }
  if (user.role === "ADMIN") {
    throw new AppError("CONFLICT", "an organizer", {
      userMessage: "This account is an organizer, who can already check tickets in.",
    });
  }
  if (user.role === "USER") {
    await db().user.updateMany({ where: { id: user.id, role: "USER" }, data: { role: "STAFF" } });
    forgetSessionUserState(user.id);
  }
  return { id: user.id, email: user.email, name: user.name };
}
