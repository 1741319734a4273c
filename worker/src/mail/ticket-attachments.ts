import type { MailAttachment } from "@ticketping/common/mail";
import { loadPrintableReservation, type PrismaClient } from "@ticketping/db";
import type { TicketRenderer } from "./ticket-renderer";

/** How the order mail's HTML names a ticket's inline QR image. */
export function ticketImageCid(ticketId: string): string {
  return `ticket-${ticketId}@ticketping`;
}

/**
 * A confirmed reservation's tickets for its mail: the PDF, the same one My tickets gives,
 * and each ticket's QR code as an inline PNG, rendered by the low-priority renderer thread.
 * None when the reservation is no longer confirmed by the time the mail goes (refunded
 * meanwhile): no valid-looking ticket is sent.
 */
export function createTicketAttachments({
  prisma,
  renderer,
}: {
  prisma: PrismaClient;
  renderer: Pick<TicketRenderer, "render">;
}): (reservationId: string) => Promise<MailAttachment[]> {
  return async (reservationId) => {
    const reservation = await loadPrintableReservation(prisma, reservationId);
    if (reservation?.status !== "CONFIRMED" || reservation.tickets.length === 0) return [];
    const { pdf, images } = await renderer.render({
      reservationId: reservation.reservationId,
      scheduleId: reservation.scheduleId,
      holderName: reservation.holderName,
      performanceName: reservation.performanceName,
      hallName: reservation.hallName,
      startsAt: reservation.startsAt,
      timeZone: reservation.timeZone,
      tickets: reservation.tickets,
      locale: reservation.locale,
    });
    return [
      {
        filename: "tickets.pdf",
        content: Buffer.from(pdf),
        contentType: "application/pdf",
      },
      ...images.map(({ ticketId, png }) => ({
        filename: `ticket-${ticketId.slice(0, 8)}.png`,
        content: Buffer.from(png),
        contentType: "image/png",
        cid: ticketImageCid(ticketId),
      })),
    ];
  };
}
