import { z } from "zod";
import { redisUrlIssues } from "../redis/redis-url";
import { publishedSecretIssues } from "./published-secrets";

export { developmentSecret, isPublishedSecret, publishedSecretIssues } from "./published-secrets";

export class EnvError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

type Source = Record<string, string | undefined>;

/**
 * Parses configuration once at start-up. Empty strings count as unset so that
 * `FOO=` in a .env file falls back to the default instead of failing oddly.
 */
export function parseEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  source: Source = process.env,
): z.infer<z.ZodObject<Shape>> {
  const cleaned: Source = {};
  for (const key of Object.keys(shape)) {
    const value = source[key];
    cleaned[key] = value === "" ? undefined : value;
  }
  const result = z.object(shape).safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Like parseEnv, but a process cannot run with bad config: print what is wrong and exit. */
export function loadEnvOrExit<Shape extends z.ZodRawShape>(
  shape: Shape,
  source: Source = process.env,
): z.infer<z.ZodObject<Shape>> {
  try {
    return parseEnv(shape, source);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * With NODE_ENV=production, a process holding a secret published in the repository
 * (published-secrets.ts) stops with a message naming each such variable: anyone could sign
 * sessions, tokens or webhooks with it.
 */
export function exitOnPublishedSecrets<Env extends { NODE_ENV: string }>(
  env: Env,
  names: readonly (keyof Env & string)[],
): void {
  if (env.NODE_ENV !== "production") return;
  const issues = publishedSecretIssues(Object.fromEntries(names.map((name) => [name, env[name]])));
  if (issues.length === 0) return;
  console.error(new EnvError(issues).message);
  process.exit(1);
}

/** Shared field schemas, so every package spells the same variable the same way. */
export const envFields = {
  nodeEnv: z.enum(["development", "test", "production"]).default("development"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .default("postgresql://ticketping:ticketping@127.0.0.1:5432/ticketping"),
  shadowDatabaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .default("postgresql://ticketping:ticketping@127.0.0.1:5432/ticketping_shadow"),
  /** One redis:// URL, or a comma-separated list of a Redis Cluster's nodes (redis-url.ts). */
  redisUrl: z
    .string()
    .superRefine((value, context) => {
      for (const message of redisUrlIssues(value)) context.addIssue({ code: "custom", message });
    })
    .default("redis://127.0.0.1:6379"),
  kafkaBrokers: z
    .string()
    .default("127.0.0.1:9092")
    .transform((value) => value.split(",").map((broker) => broker.trim()))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, "each broker must be host:port")).min(1)),
  /**
   * Copies of each topic the app creates; min.insync.replicas is one less (at least 1).
   * Unset: from the cluster's size, 3 on three brokers or more (replicationFor in kafka/).
   */
  kafkaReplicationFactor: z.coerce.number().int().min(1).max(7).optional(),
  host: z.string().min(1).default("127.0.0.1"),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  /** A namespace put in front of Redis key names (QUEUE_KEY_PREFIX, SEAT_KEY_PREFIX). */
  redisKeyPrefix: (fallback: string) =>
    z
      .string()
      .regex(/^[A-Za-z0-9:_-]*$/, "letters, digits, ':', '_' and '-' only")
      .default(fallback),
};
