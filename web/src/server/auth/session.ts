import "server-only";
import { getServerSession } from "next-auth";
import { AppError } from "@ticketping/common/errors";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  role: "USER" | "ADMIN";
  email: string | null;
  name: string | null;
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user.id) return null;
  return {
    id: session.user.id,
    role: session.user.role,
    email: session.user.email ?? null,
    name: session.user.name ?? null,
  };
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "no session");
  return user;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "admin role required");
  return user;
}
