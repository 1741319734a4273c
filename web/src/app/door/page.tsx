import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { DoorConsole } from "@/components/door/door-console";
import { formatDateTime } from "@/components/format";
import { listDoorShows } from "@/server/check-in/list-door-shows";
import { requireDoorPage } from "@/server/check-in/require-door-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("door"))("title") };
}

const showParam = z.uuid().optional().catch(undefined);

export default async function DoorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireDoorPage("/door");
  const [locale, t] = await Promise.all([getLocale(), getTranslations("door")]);
  const chosen = showParam.parse((await searchParams).show);
  const [show] = chosen ? await listDoorShows({ scheduleId: chosen }) : [];
  if (show) {
    return (
      <DoorConsole
        show={{
          scheduleId: show.scheduleId,
          title: `${show.performanceName} · ${formatDateTime(show.startsAt, locale)}`,
          hallName: show.hallName,
        }}
      />
    );
  }
  const shows = await listDoorShows();
  return (
    <section aria-labelledby="door-heading" className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 id="door-heading" className="text-2xl font-bold tracking-tight">
        {t("chooseHeading")}
      </h1>
      {shows.length === 0 ? (
        <p className="text-slate-700">{t("noShows")}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {shows.map((candidate) => (
            <li key={candidate.scheduleId}>
              <Link
                href={`/door?show=${candidate.scheduleId}`}
                className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500"
              >
                <span className="font-semibold">{candidate.performanceName}</span>
                <span className="text-sm text-slate-600">
                  {formatDateTime(candidate.startsAt, locale)} · {candidate.hallName}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
