import {
  DEVELOPMENT_QUEUE_TICKET_SECRET,
  DEVELOPMENT_QUEUE_TOKEN_SECRET,
} from "../queue/development-secrets";

/**
 * Anything written in this repository is public: a secret whose value appears here (or
 * appeared in an earlier version) lets anyone sign an organizer's session, a queue token
 * or a paid webhook. Production refuses all of them; published-secrets.test.ts fails when
 * docker-compose.yml, .env.example or a document shows a value this list lacks.
 */
const PUBLISHED_SECRET_VALUES: ReadonlySet<string> = new Set([
  // .env.example and the queue packages' local defaults
  DEVELOPMENT_QUEUE_TICKET_SECRET,
  DEVELOPMENT_QUEUE_TOKEN_SECRET,
  // docker-compose.yml's demo defaults before it required real secrets
  "compose-demo-nextauth-secret-change-me-0123456789",
  "compose-demo-queue-ticket-secret-change-me-01234",
  "compose-demo-queue-token-secret-change-me-012345",
  "whsec_compose_demo_change_me_0123456789abcdef",
  "compose-demo-metrics-token-change-me",
]);

const DEVELOPMENT_SECRET_PREFIX = "ticketping-development-secret-do-not-use-in-production:";

/**
 * The stand-in a package uses outside production when a secret is unset, so `npm run dev`
 * works with no .env. Public by construction, so production refuses it like the rest.
 */
export function developmentSecret(name: string): string {
  return `${DEVELOPMENT_SECRET_PREFIX}${name}`;
}

export function isPublishedSecret(value: string): boolean {
  return PUBLISHED_SECRET_VALUES.has(value) || value.startsWith(DEVELOPMENT_SECRET_PREFIX);
}

/** One configuration issue per variable holding a published value, naming the variable. */
export function publishedSecretIssues(secrets: Record<string, unknown>): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => typeof value === "string" && isPublishedSecret(value))
    .map(
      ([name]) =>
        `${name}: equals a value published in the repository (docker-compose.yml, .env.example ` +
        "or the docs), which anyone can sign with; set a secret of your own, e.g. " +
        "`openssl rand -base64 32`",
    );
}
