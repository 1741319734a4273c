// The proof of work's fixed terms. No imports: the browser's solver and the organizer's
// form read them too, without pulling the server's modules into the browser.

/**
 * ALTCHA v2's PBKDF2 key derivation. Browsers run PBKDF2 natively (WebCrypto deriveBits),
 * so a buyer's browser works about as fast as a farm's native code; with a single SHA-256
 * per try, each of the browser's async digest calls costs several times a native hash,
 * and a farm would pay a fraction of what a buyer pays (measured: BENCHMARKS.md).
 */
export const POW_ALGORITHM = "PBKDF2/SHA-256";

/**
 * PBKDF2 iterations per counter tried. Enough that the browser's per-call overhead is a
 * small share of each try; small enough that issuing a challenge, which derives the key
 * once, stays cheap for the server.
 */
export const POW_COST = 1_000;

/**
 * A challenge must be solved and spent within this (POW_CHALLENGE_TTL_SECONDS); a spent
 * one is remembered as long. Minutes: enough to fill in a form, too short to stockpile.
 */
export const DEFAULT_POW_CHALLENGE_TTL_SECONDS = 300;

/**
 * Difficulty is ALTCHA's complexity: the largest counter. The secret counter is drawn
 * between half of it and all of it, so every solution costs at least half the work.
 * 0 turns the proof of work off.
 */
export const powComplexityLimits = { min: 0, max: 1_000_000 } as const;

/** What the sign-up and the line ask for when not configured otherwise (about 1 s here). */
export const DEFAULT_POW_COMPLEXITY = 8_000;
