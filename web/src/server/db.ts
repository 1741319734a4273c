import "server-only";
import { getPrisma } from "@ticketping/db";

export const db = getPrisma;
