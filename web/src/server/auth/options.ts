import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { env } from "@/env";
import { getRedis } from "../redis";
import { clientIp } from "../http/client-ip";
import { limitSignInAttempt } from "./limit-sign-in-attempt";
import { verifyCredentials } from "./credentials";

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, request) {
        const headers = new Headers(request.headers as Record<string, string> | undefined);
        const email =
          typeof credentials?.email === "string"
            ? credentials.email.toLowerCase().slice(0, 320)
            : "";
        await limitSignInAttempt({ redis: getRedis(), email, address: clientIp(headers) });
        return verifyCredentials(credentials);
      },
    }),
    ...(env.GITHUB_ID && env.GITHUB_SECRET
      ? [GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET })]
      : []),
  ],
  callbacks: {
    jwt({ token, user }) {
      // `user` is present only at sign-in (its type says otherwise); afterwards the
      // token carries what we need.
      const signingIn = user as typeof user | undefined;
      if (signingIn) token.role = signingIn.role === "ADMIN" ? "ADMIN" : "USER";
      return token;
    },
    session({ session, token }) {
      if (token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role ?? "USER";
      }
      return session;
    },
  },
};
