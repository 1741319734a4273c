export { accountEnvFields } from "./env-fields";
export {
  EMAIL_VERIFICATION_TTL_HOURS,
  readEmailVerificationToken,
  signEmailVerificationToken,
  type EmailVerificationTokenCheck,
} from "./email-verification-token";
export {
  readSessionToken,
  sealSessionToken,
  sessionClaimsOf,
  sessionTokenOfCookieHeader,
  SESSION_COOKIE_NAMES,
  type SessionClaims,
} from "./session-token";
