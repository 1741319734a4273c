/**
 * The server's clock for a page to hand to its countdowns, which then run against it
 * rather than against the phone's (a wrong clock on a phone must not move a deadline).
 */
export const serverNow = (): number => Date.now();
