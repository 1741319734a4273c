import { z } from "zod";
import { paymentMetadataKeys } from "@ticketping/common/payments";
import type { CheckoutSessionObject } from "./stripe-event-schemas";

/** The reservation a checkout session pays for (from our metadata), if it names one. */
export function sessionReservationId(session: CheckoutSessionObject): string | null {
  const candidate =
    session.metadata?.[paymentMetadataKeys.reservationId] ?? session.client_reference_id;
  const id = z.uuid().safeParse(candidate);
  return id.success ? id.data : null;
}
