import "server-only";
import type { Role } from "@ticketping/db/browser";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { db } from "../db";

export const credentialsSchema = z.object({
  email: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(200),
});

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
  emailVerified: boolean;
}

// Compared against when the email is unknown, so a miss costs as long as a hit and the
// response time does not reveal which emails have accounts.
const DUMMY_HASH = bcrypt.hashSync("timing-equaliser", 12);

/** Returns the user for a correct email and password, and null for anything else. */
export async function verifyCredentials(input: unknown): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db().user.findUnique({ where: { email: parsed.data.email } });
  const valid = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.passwordHash || !valid) return null;
  const { id, email, name, role, sessionVersion, emailVerifiedAt } = user;
  return { id, email, name, role, sessionVersion, emailVerified: emailVerifiedAt !== null };
}
