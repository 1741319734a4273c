import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: "USER" | "ADMIN" } & DefaultSession["user"];
  }
  interface User {
    role?: "USER" | "ADMIN";
    /** users.session_version at sign-in; the JWT carries it as `sv`. */
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "USER" | "ADMIN";
    /** The users.session_version the session was opened under (see authenticate-session.ts). */
    sv?: number;
  }
}
