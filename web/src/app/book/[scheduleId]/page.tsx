import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { BookingView } from "@/components/seat-map/booking-view";
import { ShowCancelledNotice } from "@/components/seat-map/show-cancelled-notice";
import { ShowTime } from "@/components/show-time";
import { env } from "@/env";
import { getSessionUser } from "@/server/auth/session";
import { getOpenHold } from "@/server/booking/get-open-hold";
import { requireWorkingToken } from "@/server/booking/gate/require-working-token";
import { waitingRoomPath } from "@/server/booking/gate/transport";
import { getScheduleSummary } from "@/server/seat-map/get-schedule-summary";
import { serverNow } from "@/server/http/server-now";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("booking"))("title") };
}

const scheduleIdSchema = z.uuid();

/**
 * The seat map of one show. Needs a session and a working token for the performance;
 * without the token the buyer goes to the performance's waiting room.
 */
export default async function BookPage({ params }: { params: Promise<{ scheduleId: string }> }) {
  await connection();
  const { scheduleId } = await params;
  if (!scheduleIdSchema.safeParse(scheduleId).success) notFound();
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/book/${scheduleId}`)}`);

  const schedule = await getScheduleSummary({ scheduleId });
  if (!schedule) notFound();
  const t = await getTranslations("booking");
  const header = (
    <header>
      <Link
        href={`/performances/${schedule.performanceSlug}`}
        className="text-sm font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600"
      >
        {t("allShows")}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{schedule.performanceName}</h1>
      <p className="text-slate-600">
        {schedule.hallName} ·{" "}
        <ShowTime startsAt={new Date(schedule.startsAt)} timeZone={schedule.timeZone} />
      </p>
    </header>
  );
  // Before the gate: a cancelled show has no line to wait in and no seats to hold.
  if (schedule.cancelledAt) {
    return (
      <div className="flex flex-col gap-6">
        {header}
        <ShowCancelledNotice performanceSlug={schedule.performanceSlug} />
      </div>
    );
  }
  const waitingRoom = waitingRoomPath(schedule.performanceId, scheduleId);
  const token = await requireWorkingToken({
    headers: await headers(),
    userId: user.id,
    performanceId: schedule.performanceId,
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "QUEUE_TOKEN_REQUIRED") return null;
    throw error;
  });
  if (!token) redirect(waitingRoom);
  const hold = await getOpenHold({ userId: user.id, scheduleId });

  return (
    <div className="flex flex-col gap-6">
      {header}
      <BookingView
        schedule={schedule}
        initialHold={hold}
        serverNow={serverNow()}
        waitingRoom={waitingRoom}
        slot={{
          performanceId: schedule.performanceId,
          queueUrl: env.QUEUE_PUBLIC_URL,
          tokenExpiresAtMs: token.expiresAt * 1000,
        }}
      />
    </div>
  );
}
