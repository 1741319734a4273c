import type { QueueTicket } from "@/server/queue/schemas";
import { apiRequest } from "../api-client";

/** A fresh ticket for the queue socket; throws ApiError (UNAUTHENTICATED, RATE_LIMITED...). */
export async function fetchQueueTicket(): Promise<string> {
  const { ticket } = await apiRequest<QueueTicket>("/api/queue/ticket", { method: "POST" });
  return ticket;
}
