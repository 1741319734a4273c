import "server-only";
import {
  createBatcher,
  createBoundedCache,
  createRememberedLookup,
  type BoundedCache,
} from "@ticketping/common/cache";
import type { Role } from "@ticketping/db/browser";
import { env } from "@/env";
import { db } from "../db";

/** What the gate needs to know about a session's user, as PostgreSQL has it now. */
export interface SessionUserState {
  sessionVersion: number;
  role: Role;
  email: string;
  name: string;
  /** Whether the owner has confirmed the address (joining a line needs it). */
  emailVerified: boolean;
}

const ttlMs = env.SESSION_CHECK_TTL_SECONDS * 1_000;

// A flash crowd's buyers each poll every 2 s: their lookups leave together, one query
// for hundreds of users, instead of one round trip each.
const lookups = createBatcher<string, SessionUserState | null>({
  maxBatchSize: 500,
  maxConcurrentBatches: 2,
  runBatch: async (userIds) => {
    const rows = await db().user.findMany({
      where: { id: { in: [...new Set(userIds)] } },
      select: {
        id: true,
        sessionVersion: true,
        role: true,
        email: true,
        name: true,
        emailVerifiedAt: true,
      },
    });
    const byId = new Map(
      rows.map(({ id, emailVerifiedAt, ...state }) => [
        id,
        { ...state, emailVerified: emailVerifiedAt !== null },
      ]),
    );
    return userIds.map((userId) => byId.get(userId) ?? null);
  },
});

/**
 * Remembered per process, each for SESSION_CHECK_TTL_SECONDS from when it was read. Every
 * web process reads PostgreSQL itself once its entry is older than that, so a revocation
 * (a bumped version, a changed role, a deleted user) reaches all of them within the TTL
 * however many there are, with no message between them; the process that made the change
 * forgets its own entry at once. Kept on globalThis: Next.js bundles route handlers and
 * pages separately, and each bundle would otherwise remember on its own (a revocation
 * forgotten by the route's copy would live on in the pages').
 */
type RememberedStates = BoundedCache<string, Promise<SessionUserState | null>>;
const store = globalThis as typeof globalThis & { ticketpingSessionUserStates?: RememberedStates };
const remembered = (store.ticketpingSessionUserStates ??= createBoundedCache({
  maxEntries: 100_000,
  ttlMs,
}));

const states = createRememberedLookup({
  load: (userId: string) => lookups.submit(userId),
  ttlMs,
  maxEntries: 100_000,
  memory: remembered,
});

/**
 * The user's state, null when the user no longer exists. `fresh` reads PostgreSQL even
 * when a remembered state has not expired yet (and remembers the new one).
 */
export function currentSessionUserState(
  userId: string,
  options?: { fresh?: boolean },
): Promise<SessionUserState | null> {
  return states.get(userId, options);
}

/** After this process changed the user: the next request reads the new state. */
export function forgetSessionUserState(userId: string): void {
  states.forget(userId);
}
