import "server-only";
import { AppError } from "@ticketping/common/errors";
import { forgetSessionUserState } from "../auth/session-state";
import { db } from "../db";

/** Door staff back to a buyer; their sessions end with the role change. */
export async function revokeDoorStaff({ userId }: { userId: string }): Promise<void> {
  const { count } = await db().user.updateMany({
    where: { id: userId, role: "STAFF" },
    data: { role: "USER" },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "no door staff with this id");
  forgetSessionUserState(userId);
}
