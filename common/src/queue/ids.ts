import { z } from "zod";

/** Performances are database rows with UUID ids. */
export const performanceIdSchema = z.uuid();

/**
 * User ids end up inside Redis key names and keyspace-notification payloads, so they are
 * restricted to characters that can never change a key's hash tag or its parsing.
 */
export const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid user id");
