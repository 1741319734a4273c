import { z } from "zod";
import type { RedisClient } from "../../redis";

/**
 * The booking path's measured latency, the pace controller's signal: web processes write
 * it, the queue service reads it. One hash under the app's key prefix, one field per web
 * process (a random instance id), each value `<p95 ms>:<epoch ms of the measurement>`.
 * Not hash-tagged: it is only ever read and written on its own.
 */
export function bookingLatencyKey(keyPrefix: string): string {
  return `${keyPrefix}queue:booking-latency`;
}

/** A value older than this is a stopped process's, or one that has had no requests. */
export const BOOKING_LATENCY_MAX_AGE_MS = 5_000;

/** The key outlives a report by this much, so it vanishes once every web process stops. */
const KEY_TTL_MS = 10_000;

/** Fields older than this are deleted by readers: a restarted process leaves its old id. */
const FORGET_AFTER_MS = 60_000;

const valueSchema = z
  .string()
  .regex(/^\d+(\.\d+)?:\d+$/)
  .transform((value) => {
    const [p95Ms, at] = value.split(":");
    return { p95Ms: Number(p95Ms), at: Number(at) };
  });

/** Writes one web process's p95 of its booking requests, measured at `at`. */
export async function publishBookingLatency(options: {
  redis: RedisClient;
  keyPrefix: string;
  instanceId: string;
  p95Ms: number;
  at?: number;
}): Promise<void> {
  const key = bookingLatencyKey(options.keyPrefix);
  const value = `${Math.max(0, Math.round(options.p95Ms))}:${Math.round(options.at ?? Date.now())}`;
  await options.redis.multi().hset(key, options.instanceId, value).pexpire(key, KEY_TTL_MS).exec();
}

/**
 * The slowest web process's fresh p95 in ms (the booking path is as slow as its slowest
 * process), or undefined when no process reported within BOOKING_LATENCY_MAX_AGE_MS: no
 * signal. Compares the writers' clocks with this one's (the processes share a clock source).
 */
export async function readBookingLatency(options: {
  redis: RedisClient;
  keyPrefix: string;
  now?: number;
}): Promise<number | undefined> {
  const key = bookingLatencyKey(options.keyPrefix);
  const now = options.now ?? Date.now();
  const fields = await options.redis.hgetall(key);
  let slowest: number | undefined;
  const forgotten: string[] = [];
  for (const [instanceId, raw] of Object.entries(fields)) {
    const parsed = valueSchema.safeParse(raw);
    const age = parsed.success ? now - parsed.data.at : Number.POSITIVE_INFINITY;
    if (age > FORGET_AFTER_MS) forgotten.push(instanceId);
    if (!parsed.success || age > BOOKING_LATENCY_MAX_AGE_MS) continue;
    slowest = Math.max(slowest ?? 0, parsed.data.p95Ms);
  }
  if (forgotten.length > 0) await options.redis.hdel(key, ...forgotten);
  return slowest;
}
