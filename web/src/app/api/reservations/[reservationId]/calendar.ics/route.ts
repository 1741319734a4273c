import { requireUser } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { route } from "@/server/http/route";
import { reservationParamsSchema } from "@/server/reservations/schemas";
import { loadOwnTickets } from "@/server/tickets/load-own-tickets";
import { ticketsCalendar } from "@/server/tickets/render-ticket-documents";

export const dynamic = "force-dynamic";

/** GET /api/reservations/:id/calendar.ics: the show, for "add to calendar". */
export const GET = route(
  async (_request: Request, context: { params: Promise<{ reservationId: string }> }) => {
    const { reservationId } = parseParams(await context.params, reservationParamsSchema);
    const user = await requireUser();
    const ics = ticketsCalendar(await loadOwnTickets({ userId: user.id, reservationId }));
    return new Response(ics, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="show-${reservationId}.ics"`,
        "cache-control": "private, no-store",
      },
    });
  },
);
