import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { isDatabaseUnavailable } from "@ticketping/db";
import { env } from "@/env";
import { signInWithProvider } from "../accounts/sign-in-with-provider";
import { logger } from "../logger";
import { sessionUserOf } from "./authenticate-session";
import { authorizeCredentials } from "./authorize-credentials";
import { gitHubProvider } from "./github-provider";
import { sessionClaimsOf } from "./session-claims";

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Where a refused or failed external sign-in lands: the sign-in page names the reason. */
const signInError = (code: string) => `${env.NEXTAUTH_URL}/signin?error=${code}`;

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // next-auth seals the JWT with its own 30-day default unless told: a stolen one would
  // outlive the cookie it came in.
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  // next-auth's own lines go to our JSON log. An ended session read through
  // /api/auth/session surfaces as JWT_SESSION_ERROR: expected, not an error.
  logger: {
    error: (code, metadata) => {
      if (code === "JWT_SESSION_ERROR") logger.info({ code }, "next-auth: session refused");
      else logger.error({ code, err: metadata }, "next-auth error");
    },
    warn: (code) => {
      logger.warn({ code }, "next-auth warning");
    },
    debug: (code) => {
      logger.debug({ code }, "next-auth debug");
    },
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      authorize: (credentials, request) =>
        authorizeCredentials({
          credentials,
          headers: new Headers(request.headers as Record<string, string> | undefined),
        }),
    }),
    ...(env.GITHUB_ID && env.GITHUB_SECRET
      ? [
          gitHubProvider({
            clientId: env.GITHUB_ID,
            clientSecret: env.GITHUB_SECRET,
            url: env.GITHUB_URL,
            apiUrl: env.GITHUB_API_URL,
          }),
        ]
      : []),
  ],
  callbacks: {
    /**
     * An external sign-in becomes one of our users here (see signInWithProvider), so the
     * session's `sub` is always our users.id, never the provider's id.
     */
    async signIn({ user, account, profile }) {
      if (account?.type !== "oauth") return true;
      try {
        const result = await signInWithProvider({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: user.email ?? null,
          emailVerified:
            (profile as { email_verified?: unknown } | undefined)?.email_verified === true,
          name: user.name ?? null,
        });
        if (result.outcome === "refused") return signInError(result.reason);
        logger.info(
          { provider: account.provider, userId: result.user.id, how: result.how },
          "external sign-in",
        );
        // next-auth hands this same object to the jwt callback as `user`.
        Object.assign(user, result.user);
        return true;
      } catch (error) {
        logger.error({ err: error, provider: account.provider }, "external sign-in failed");
        return signInError("SIGN_IN_FAILED");
      }
    },
    async jwt({ token, user }) {
      // `user` is present only at sign-in (its type says otherwise).
      const signingIn = user as typeof user | undefined;
      if (signingIn) {
        token.sub = signingIn.id;
        token.role = signingIn.role === "ADMIN" ? "ADMIN" : "USER";
        token.sv = signingIn.sessionVersion ?? 0;
        token.emailVerified = signingIn.emailVerified === true;
        return token;
      }
      // A session being read through /api/auth/session: one that has been ended is
      // refused (next-auth then clears its cookie). A database outage ends nobody's.
      const claims = sessionClaimsOf(token);
      try {
        const current = claims && (await sessionUserOf(claims));
        if (!current) throw new Error("session ended");
        token.role = current.role;
        token.name = current.name;
        token.email = current.email;
        // A link confirmed since sign-in shows here on the next read (see verify-email.ts).
        token.emailVerified = current.emailVerified;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role ?? "USER";
        session.user.emailVerified = token.emailVerified === true;
      }
      return session;
    },
  },
};
