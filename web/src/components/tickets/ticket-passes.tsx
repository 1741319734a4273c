import Link from "next/link";
import { useTranslations } from "next-intl";
import { qrSvg } from "@ticketping/common/tickets/print";
import type { MyReservation } from "@/server/reservations/schemas";

/**
 * A confirmed reservation's tickets as the door scans them: one QR code per seat, with the
 * reference staff type when a code will not scan, and the files to take along.
 */
export function TicketPasses({ reservation }: { reservation: MyReservation }) {
  const tickets = reservation.seats.flatMap((seat) =>
    seat.ticket ? [{ seat, ...seat.ticket }] : [],
  );
  const t = useTranslations("tickets");
  if (tickets.length === 0) return null;
  return (
    <section aria-label={t("tickets")} className="mt-2 flex flex-col gap-3">
      <ul className="flex flex-wrap gap-3">
        {tickets.map(({ seat, id, reference, code }) => {
          const label = t("seatLine", {
            row: seat.row,
            column: seat.column,
            grade: seat.gradeName,
          });
          return (
            <li
              key={id}
              data-testid="ticket"
              data-ticket-code={code}
              className="flex w-44 flex-col items-center gap-1 rounded-lg border border-slate-200 bg-white p-2"
            >
              <div
                className="w-40"
                // Our own SVG, built from the signed code (qrSvg escapes the title).
                dangerouslySetInnerHTML={{
                  __html: qrSvg(code, { title: t("ticketTitle", { seat: label }) }),
                }}
              />
              <p className="text-center text-xs font-semibold">{label}</p>
              <p
                className="font-mono text-xs tracking-wide text-slate-600"
                aria-label={t("ticketReference")}
              >
                {reference}
              </p>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-3 text-sm">
        <a
          href={`/api/reservations/${reservation.id}/tickets.pdf`}
          className="font-semibold text-brand-700 hover:underline"
          download
        >
          {t("downloadPdf")}
        </a>
        <a
          href={`/api/reservations/${reservation.id}/calendar.ics`}
          className="font-semibold text-brand-700 hover:underline"
          download
        >
          {t("addToCalendar")}
        </a>
        <Link
          href={`/checkout/${reservation.id}`}
          className="font-semibold text-slate-600 hover:underline"
        >
          {t("orderDetails")}
        </Link>
      </div>
    </section>
  );
}
