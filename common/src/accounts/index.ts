export { accountEnvFields } from "./env-fields";
export {
  EMAIL_VERIFICATION_TTL_HOURS,
  readEmailVerificationToken,
  signEmailVerificationToken,
  type EmailVerificationTokenCheck,
} from "./email-verification-token";
