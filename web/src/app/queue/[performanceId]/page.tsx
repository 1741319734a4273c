import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { formatShowTime } from "@ticketping/common/format";
import { WaitingRoom } from "@/components/queue/waiting-room";
import { ShowCancelledNotice } from "@/components/seat-map/show-cancelled-notice";
import { ShowTime } from "@/components/show-time";
import { env, preQueueLeadMs } from "@/env";
import { getSessionUser } from "@/server/auth/session";
import { SLOT_ENDED, waitingRoomPath } from "@/server/booking/gate/transport";
import { getMyPseudonym } from "@/server/fairness/get-my-pseudonym";
import { serverNow } from "@/server/http/server-now";
import { getWaitingRoom } from "@/server/queue/get-waiting-room";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("queue"))("title") };
}

const idSchema = z.uuid();

/**
 * The waiting room of one performance. `?schedule=` names the show the buyer was booking
 * (the booking gate sends them here with it) and is where admission leads; without it,
 * or with one that is not this performance's, admission leads to the performance page.
 * `?ended=slot` says the seat map sent the buyer back because their booking slot ended.
 */
export default async function QueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ performanceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { performanceId } = await params;
  if (!idSchema.safeParse(performanceId).success) notFound();
  const query = await searchParams;
  const rawSchedule = query.schedule;
  const parsedSchedule = idSchema.safeParse(rawSchedule);
  const scheduleId = parsedSchedule.success ? parsedSchedule.data : undefined;

  const user = await getSessionUser();
  if (!user) {
    const back = waitingRoomPath(performanceId, scheduleId);
    redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  }
  const room = await getWaitingRoom({ performanceId, scheduleId });
  if (!room) notFound();

  const [locale, t] = await Promise.all([getLocale(), getTranslations("queue")]);
  const { pseudonym } = await getMyPseudonym({ slug: room.performanceId, userId: user.id });
  const performanceHref = `/performances/${room.performanceSlug}`;
  const preQueueOpensAt = new Date(room.opensAt.getTime() - preQueueLeadMs);
  const destination = room.schedule ? `/book/${room.schedule.id}` : performanceHref;

  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-6">
      <header className="flex flex-col gap-1">
        <Link
          href={performanceHref}
          className="text-sm font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600"
        >
          ← {room.performanceName}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-slate-600">
          {room.performanceName} · {room.hallName}
          {room.schedule ? (
            <>
              {" · "}
              <ShowTime startsAt={room.schedule.startsAt} timeZone={room.hallTimeZone} />
            </>
          ) : null}
        </p>
      </header>
      <p className="text-sm text-slate-600">
        {t("pseudonymBefore")}{" "}
        <Link
          href={`${performanceHref}/fairness` as Route}
          className="font-medium text-slate-900 underline"
        >
          {t("fairnessRecord")}
        </Link>
        {t("pseudonymAfter")}{" "}
        <code data-testid="fairness-pseudonym" className="font-mono">
          {pseudonym}
        </code>
      </p>
      {/* The line is the performance's, but this buyer came for a show that is off, or
          (from the catalog, without a show) for a performance none of whose shows is on. */}
      {room.schedule?.cancelledAt || room.everyShowCancelled ? (
        <ShowCancelledNotice performanceSlug={room.performanceSlug} />
      ) : (
        <WaitingRoom
          performanceId={room.performanceId}
          queueUrl={env.QUEUE_PUBLIC_URL}
          destination={destination}
          performanceHref={performanceHref}
          slotEnded={query.ended === SLOT_ENDED}
          opening={{
            opensAtMs: room.opensAt.getTime(),
            preQueueOpensAtMs: preQueueOpensAt.getTime(),
            preQueueOpensAtLabel: formatShowTime(preQueueOpensAt, room.hallTimeZone, locale),
            serverNowMs: serverNow(),
          }}
          presale={
            room.generalSaleOpensAt && room.generalSaleOpensAt.getTime() > serverNow()
              ? {
                  generalSaleLabel: formatShowTime(
                    room.generalSaleOpensAt,
                    room.hallTimeZone,
                    locale,
                  ),
                  generalSaleOpensAtMs: room.generalSaleOpensAt.getTime(),
                  generalPreQueueOpensAtMs: room.generalSaleOpensAt.getTime() - preQueueLeadMs,
                }
              : null
          }
        />
      )}
    </div>
  );
}
