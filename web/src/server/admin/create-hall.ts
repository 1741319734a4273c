import "server-only";
import type { z } from "zod";
import { db } from "../db";
import type { SavedHall } from "./answers";
import type { hallSchema } from "./schemas";

export async function createHall({
  input,
}: {
  input: z.infer<typeof hallSchema>;
}): Promise<SavedHall> {
  return db().hall.create({
    data: input,
    select: { id: true, name: true, address: true, rows: true, columns: true, timeZone: true },
  });
}
