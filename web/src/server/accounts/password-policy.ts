// No imports: the sign-up form reads this too, without pulling zod into the browser.
export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt reads only the first 72 bytes; a longer password would be silently cut. */
export const PASSWORD_MAX_BYTES = 72;
