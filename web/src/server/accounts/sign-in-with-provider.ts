import "server-only";
import type { Role } from "@ticketping/db/browser";
import { isUniqueViolation } from "@ticketping/db";
import { forgetSessionUserState } from "../auth/session-state";
import { db } from "../db";

/** Who the provider says signed in. */
export interface ProviderIdentity {
  /** next-auth's provider id, e.g. "github". */
  provider: string;
  /** The provider's stable id of the person. */
  providerAccountId: string;
  email: string | null;
  /** Only the provider's word that the person controls `email` lets us link on it. */
  emailVerified: boolean;
  name: string | null;
}

export interface ProviderSignInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
  emailVerified: boolean;
}

export type ProviderSignIn =
  | {
      outcome: "signed-in";
      how: "known-account" | "linked-by-email" | "new-user";
      user: ProviderSignInUser;
    }
  /**
   * No verified email: we can neither link it (anyone can type someone else's address at
   * a provider) nor open a user on it (its owner, signing up later, would find their
   * email taken, or worse, linked to a stranger's provider account).
   */
  | { outcome: "refused"; reason: "EMAIL_NOT_VERIFIED" };

const userFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  sessionVersion: true,
  emailVerifiedAt: true,
} as const;

function signInUser({
  emailVerifiedAt,
  ...user
}: Omit<ProviderSignInUser, "emailVerified"> & {
  emailVerifiedAt: Date | null;
}): ProviderSignInUser {
  return { ...user, emailVerified: emailVerifiedAt !== null };
}

/**
 * Our user for an external sign-in: the one its provider account is linked to; else the
 * existing user with the provider's verified email, now linked; else a new buyer with that
 * email. Two first sign-ins racing resolve through the unique indexes: the loser reads
 * what the winner wrote.
 */
export async function signInWithProvider(identity: ProviderIdentity): Promise<ProviderSignIn> {
  try {
    return await resolve(identity);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return resolve(identity);
  }
}

async function resolve(identity: ProviderIdentity): Promise<ProviderSignIn> {
  const { provider, providerAccountId } = identity;
  const account = await db().account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { user: { select: userFields } },
  });
  if (account) {
    return { outcome: "signed-in", how: "known-account", user: signInUser(account.user) };
  }

  const email = identity.email?.toLowerCase();
  if (!email || !identity.emailVerified)
    return { outcome: "refused", reason: "EMAIL_NOT_VERIFIED" };

  const existing = await db().user.findUnique({ where: { email }, select: userFields });
  if (existing) {
    // The provider verified the address, which proves it as well as our link would.
    const [, linked] = await db().$transaction([
      db().account.create({ data: { provider, providerAccountId, userId: existing.id } }),
      db().user.update({
        where: { id: existing.id },
        data: { emailVerifiedAt: existing.emailVerifiedAt ?? new Date() },
        select: userFields,
      }),
    ]);
    forgetSessionUserState(existing.id);
    return { outcome: "signed-in", how: "linked-by-email", user: signInUser(linked) };
  }
  const created = await db().user.create({
    data: {
      email,
      name: displayName(identity.name, email),
      role: "USER",
      // Only a provider-verified address gets this far (see above).
      emailVerifiedAt: new Date(),
      accounts: { create: { provider, providerAccountId } },
    },
    select: userFields,
  });
  return { outcome: "signed-in", how: "new-user", user: signInUser(created) };
}

function displayName(name: string | null, email: string): string {
  const trimmed = name?.trim();
  return (trimmed || email.split("@")[0] || email).slice(0, 100);
}
