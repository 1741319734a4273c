import "server-only";
import { db } from "../db";
import type { DoorStaffMember } from "./schemas";

export function listDoorStaff(): Promise<DoorStaffMember[]> {
  return db().user.findMany({
    where: { role: "STAFF" },
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true },
  });
}
