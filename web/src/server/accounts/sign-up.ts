import "server-only";
import bcrypt from "bcryptjs";
import { AppError } from "@ticketping/common/errors";
import type { Locale } from "@ticketping/common/i18n";
import { enforceRateLimit } from "@ticketping/common/rate-limit";
import { BURST_TRANSACTION_OPTIONS, isUniqueViolation } from "@ticketping/db";
import { db } from "../db";
import { getRedis } from "../redis";
import { signUpRateLimits } from "../auth/rate-limits";
import { env } from "@/env";
import { verifyPowSolution } from "../pow/verify-pow-solution";
import { requestEmailVerification } from "./request-email-verification";
import type { SignedUpUser, SignUpInput } from "./sign-up-schema";

/** Slow on purpose: a stolen hash should cost an attacker ~0.25 s per guess. */
const BCRYPT_COST = 12;

/**
 * Creates a buyer account. The proof of work comes first: it costs the client, not us, and
 * an attempt without one must not use up the address's budget, which many people behind
 * one address share. Then the rate limit: each attempt costs a bcrypt hash, and a burst of
 * sign-ups from one address is how accounts get farmed or emails probed. The account starts
 * unverified, with a verification mail on its way (see request-email-verification.ts), in
 * the language the site spoke to them (`locale`), which the account keeps for later mail.
 */
export async function signUp({
  input,
  ip,
  locale,
}: {
  input: SignUpInput;
  ip: string;
  locale: Locale;
}): Promise<SignedUpUser> {
  await verifyPowSolution({
    pow: input.pow,
    purpose: { purpose: "signup" },
    complexity: env.POW_SIGNUP_COMPLEXITY,
  });
  await enforceRateLimit(getRedis(), signUpRateLimits.perAddress, ip, {
    userMessage: "Too many sign-ups from your network. Please try again later.",
  });

  const passwordHash = await bcrypt.hash(input.password, BCRYPT_COST);
  try {
    // One transaction: an account never exists without its verification mail on the way.
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash, role: "USER", locale },
        select: { id: true, email: true, name: true },
      });
      await requestEmailVerification(tx, { userId: user.id, email: user.email });
      return user;
    }, BURST_TRANSACTION_OPTIONS);
  } catch (error) {
    // The unique index decides, so two simultaneous sign-ups cannot both succeed.
    if (isUniqueViolation(error)) {
      throw new AppError("EMAIL_TAKEN", "email already registered", { cause: error });
    }
    throw error;
  }
}
