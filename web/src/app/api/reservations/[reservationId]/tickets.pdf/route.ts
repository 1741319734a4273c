import { requireUser } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { route } from "@/server/http/route";
import { reservationParamsSchema } from "@/server/reservations/schemas";
import { loadOwnTickets } from "@/server/tickets/load-own-tickets";
import { ticketsPdf } from "@/server/tickets/render-ticket-documents";

export const dynamic = "force-dynamic";

/** GET /api/reservations/:id/tickets.pdf: the buyer's confirmed tickets, one page each. */
export const GET = route(
  async (_request: Request, context: { params: Promise<{ reservationId: string }> }) => {
    const { reservationId } = parseParams(await context.params, reservationParamsSchema);
    const user = await requireUser();
    const pdf = await ticketsPdf(await loadOwnTickets({ userId: user.id, reservationId }));
    return new Response(Buffer.from(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="tickets-${reservationId}.pdf"`,
        "cache-control": "private, no-store",
      },
    });
  },
);
