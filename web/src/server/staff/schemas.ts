import { z } from "zod";

export const grantDoorStaffSchema = z.strictObject({
  /** The account to make door staff: it must exist and be a buyer (role USER). */
  email: z.email().max(320),
});

export const doorStaffParamsSchema = z.object({ userId: z.uuid() });

export const doorStaffMemberSchema = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
});
export type DoorStaffMember = z.infer<typeof doorStaffMemberSchema>;
