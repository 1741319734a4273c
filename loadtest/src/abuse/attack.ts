import type { PrismaClient } from "@ticketping/db";
import type { SeededSale } from "../seed/seed-sale";

/** One attack's verdict: what a secure system answers, what this one answered. */
export interface AttackOutcome {
  attack: string;
  expected: string;
  observed: string;
  held: boolean;
}

/** What every attack gets: the running system's addresses and a way to set up victims. */
export interface AbuseContext {
  webUrl: string;
  queueUrl: string;
  /** An origin the queue service accepts (the web app's public one). */
  allowedOrigin: string;
  prisma: PrismaClient;
  sale: SeededSale;
  /** A signed-in buyer's Cookie header (a fresh account each call). */
  newBuyer: () => Promise<{ userId: string; cookie: string }>;
  /** The webhook secret, to play a captured (genuinely signed) webhook. */
  webhookSecret: string;
}

export type Attack = (context: AbuseContext) => Promise<AttackOutcome[]>;
