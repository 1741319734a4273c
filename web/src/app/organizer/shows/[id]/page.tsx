import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AppError } from "@ticketping/common/errors";
import { formatDateTime } from "@/components/format";
import { HeldBackSeats } from "@/components/organizer/held-back-seats";
import { OrderRefunds } from "@/components/organizer/order-refunds";
import { SalesLists } from "@/components/organizer/sales-lists";
import { ShowCancellation } from "@/components/organizer/show-cancellation";
import { ShowWaitlist } from "@/components/organizer/show-waitlist";
import { getShowSeats } from "@/server/admin/get-show-seats";
import { idParamsSchema } from "@/server/admin/schemas";
import { requireAdminPage } from "@/server/admin/require-admin-page";
import { getShowCancellation } from "@/server/refunds/get-show-cancellation";
import { listShowOrders, type ShowOrders } from "@/server/refunds/list-show-orders";
import { getAdminWaitlist } from "@/server/waitlist/get-admin-waitlist";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organizer.show"))("title") };
}

const sectionClass =
  "flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6";

async function load(scheduleId: string): Promise<ShowOrders> {
  try {
    return await listShowOrders({ scheduleId });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/**
 * One show's orders and attendees (searchable, a page at a time, as CSV), the seats the
 * organizer holds back, its paid orders (each refundable in whole or by seat) and its
 * cancellation.
 */
export default async function ShowOrdersPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  await requireAdminPage(`/organizer/shows/${parsed.success ? parsed.data.id : ""}`);
  if (!parsed.success) notFound();
  const { schedule, orders } = await load(parsed.data.id);
  const [locale, t, cancellation, seats, waitlist] = await Promise.all([
    getLocale(),
    getTranslations("organizer.show"),
    getShowCancellation({ scheduleId: schedule.id }),
    getShowSeats({ scheduleId: schedule.id }),
    getAdminWaitlist({ scheduleId: schedule.id }),
  ]);

  return (
    <>
      <div className="flex flex-col gap-1">
        <Link
          href={`/organizer/performances/${schedule.performance.id}`}
          className="text-sm text-brand-700 hover:underline"
        >
          ← {schedule.performance.name}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">
          {t("heading", { time: formatDateTime(schedule.startsAt, locale) })}
        </h1>
        {schedule.cancelledAt ? (
          <p className="text-sm font-semibold text-red-700" data-testid="show-cancelled">
            {t("cancelled", { time: formatDateTime(schedule.cancelledAt, locale) })}
          </p>
        ) : null}
      </div>

      <section aria-labelledby="lists-heading" className={sectionClass}>
        <h2 id="lists-heading" className="text-lg font-semibold">
          {t("lists")}
        </h2>
        <SalesLists scope="schedules" id={schedule.id} showTimes={false} />
      </section>

      <section aria-labelledby="held-back-heading" className={sectionClass}>
        <h2 id="held-back-heading" className="text-lg font-semibold">
          {t("heldBack")}
        </h2>
        <HeldBackSeats initial={seats} />
      </section>

      <section aria-labelledby="cancel-heading" className={sectionClass}>
        <h2 id="cancel-heading" className="text-lg font-semibold">
          {t("cancel")}
        </h2>
        <ShowCancellation
          scheduleId={schedule.id}
          initial={{
            cancelledAt: cancellation.cancelledAt?.toISOString() ?? null,
            total: cancellation.orders.total,
            refunded: cancellation.orders.refunded,
          }}
        />
      </section>

      <section aria-labelledby="waitlist-heading" className={sectionClass}>
        <h2 id="waitlist-heading" className="text-lg font-semibold">
          {t("waitlist")}
        </h2>
        <ShowWaitlist initial={waitlist} />
      </section>

      <section aria-labelledby="orders-heading" className={sectionClass}>
        <h2 id="orders-heading" className="text-lg font-semibold">
          {t("refunds", { count: orders.length })}
        </h2>
        {orders.length === 0 ? (
          <p className="text-sm text-slate-600">{t("nobodyPaid")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {orders.map((order) => (
              <li key={order.id}>
                <OrderRefunds
                  order={{
                    ...order,
                    confirmedAt: order.confirmedAt?.toISOString() ?? null,
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
