import { z } from "zod";
import { developmentSecret } from "../env";

/**
 * EMAIL_TOKEN_SECRET, read by the worker (it signs the link in the verification mail) and
 * web (it checks the link when it is opened). Outside production a published development
 * value keeps `npm run dev` working; production refuses it (exitOnPublishedSecrets).
 */
export const accountEnvFields = {
  emailTokenSecret: z
    .string()
    .min(32, "must be at least 32 characters")
    .default(developmentSecret("EMAIL_TOKEN_SECRET")),
};
