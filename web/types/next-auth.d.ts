import type { Role } from "@ticketping/db/browser";
import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; emailVerified: boolean } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
    /** users.session_version at sign-in; the JWT carries it as `sv`. */
    sessionVersion?: number;
    /** Whether the address was confirmed at sign-in. */
    emailVerified?: boolean;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    /** The users.session_version the session was opened under (see authenticate-session.ts). */
    sv?: number;
    /** Whether the address is confirmed, as of the last session read. */
    emailVerified?: boolean;
  }
}
