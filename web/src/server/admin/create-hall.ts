import "server-only";
import type { z } from "zod";
import { db } from "../db";
import type { hallSchema } from "./schemas";

export async function createHall({ input }: { input: z.infer<typeof hallSchema> }) {
  return db().hall.create({
    data: input,
    select: { id: true, name: true, address: true, rows: true, columns: true },
  });
}
