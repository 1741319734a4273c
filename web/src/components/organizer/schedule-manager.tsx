"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { apiRequest } from "../api-client";
import { useErrorText } from "../use-error-text";
import { formatDateTime } from "../format";
import {
  buttonClass,
  dangerButtonClass,
  describedBy,
  Field,
  FormAlert,
  inputClass,
  secondaryButtonClass,
} from "../form/field";
import { RemoveRowButton } from "../form/remove-row-button";
import { useConfirmDialog } from "./use-confirm-dialog";
import { fromUtcInput } from "./input-values";
import { formText } from "../form/form-text";
import { DoorStatsLine } from "../door/door-stats-line";
import { useSubmit } from "../form/use-submit";
import { useHydrated } from "../use-hydrated";

export interface ScheduleRow {
  id: string;
  startsAt: Date;
  seatCount: number;
  reservationCount: number;
}

interface Grade {
  id: string;
  name: string;
  colour: string;
}

interface Band {
  key: number;
  gradeId: string;
  fromRow: number;
  toRow: number;
}

/** Rows split as evenly as possible over the grades, front rows to the first grade. */
function defaultBands(grades: Grade[], rows: number): Band[] {
  const used = grades.slice(0, rows);
  const size = Math.floor(rows / Math.max(1, used.length));
  let next = 1;
  return used.map((grade, index) => {
    const toRow = index === used.length - 1 ? rows : next + size - 1;
    const band = { key: index + 1, gradeId: grade.id, fromRow: next, toRow };
    next = toRow + 1;
    return band;
  });
}

function gradeOfRows(bands: Band[], rows: number): (string | null)[] {
  const byRow: (string | null)[] = Array.from({ length: rows }, () => null);
  for (const band of bands) {
    for (let row = Math.max(1, band.fromRow); row <= Math.min(rows, band.toRow); row++) {
      byRow[row - 1] = band.gradeId;
    }
  }
  return byRow;
}

function ScheduleCreator({
  performanceId,
  grades,
  hall,
  defaultStartsAt,
}: {
  performanceId: string;
  grades: Grade[];
  hall: { rows: number; columns: number };
  defaultStartsAt: string;
}) {
  const hydrated = useHydrated();
  const t = useTranslations("organizer.schedules");
  const locale = useLocale();
  const router = useRouter();
  const formId = useId();
  const [bands, setBands] = useState<Band[]>(() => defaultBands(grades, hall.rows));
  const byRow = gradeOfRows(bands, hall.rows);
  const gradeById = new Map(grades.map((grade) => [grade.id, grade]));
  const missing = byRow.flatMap((gradeId, index) => (gradeId === null ? [index + 1] : []));

  function updateBand(key: number, change: Partial<Band>) {
    setBands((current) =>
      current.map((band) => (band.key === key ? { ...band, ...change } : band)),
    );
  }

  const { pending, ready, errors, alert, note, onSubmit } = useSubmit(async (form) => {
    const { schedule } = await apiRequest<{ schedule: { seatCount: number; startsAt: string } }>(
      `/api/admin/performances/${performanceId}/schedules`,
      {
        method: "POST",
        body: {
          startsAt: fromUtcInput(formText(form, "startsAt")),
          bands: bands.map(({ gradeId, fromRow, toRow }) => ({ gradeId, fromRow, toRow })),
        },
      },
    );
    router.refresh();
    return {
      note: t("added", {
        time: formatDateTime(new Date(schedule.startsAt), locale),
        count: schedule.seatCount,
      }),
    };
  });

  return (
    <form
      onSubmit={onSubmit}
      className="flex flex-col gap-3 rounded-xl border border-slate-200 p-4"
      aria-labelledby={`${formId}-title`}
      noValidate
    >
      <h3 id={`${formId}-title`} className="font-semibold">
        {t("addTitle")}
      </h3>
      <FormAlert message={alert} />
      <Field
        id={`${formId}-startsAt`}
        label={t("startsAt")}
        error={errors.startsAt}
        className="max-w-xs"
      >
        <input
          {...describedBy(`${formId}-startsAt`, errors.startsAt)}
          name="startsAt"
          type="datetime-local"
          defaultValue={defaultStartsAt}
          required
          className={inputClass}
        />
      </Field>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-[1fr_auto]">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">
            {t("bandsLegend", { rows: hall.rows, columns: hall.columns })}
          </legend>
          {bands.map((band, index) => {
            const bandId = (field: string) => `${formId}-band-${band.key}-${field}`;
            return (
              <div key={band.key} className="flex flex-wrap items-end gap-2" data-testid="band">
                <Field id={bandId("grade")} label={t("bandGrade", { number: index + 1 })}>
                  <select
                    id={bandId("grade")}
                    value={band.gradeId}
                    onChange={(event) => {
                      updateBand(band.key, { gradeId: event.target.value });
                    }}
                    className={inputClass}
                  >
                    {grades.map((grade) => (
                      <option key={grade.id} value={grade.id}>
                        {grade.name}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id={bandId("from")} label={t("fromRow")}>
                  <input
                    id={bandId("from")}
                    type="number"
                    min={1}
                    max={hall.rows}
                    value={band.fromRow}
                    onChange={(event) => {
                      updateBand(band.key, { fromRow: Number(event.target.value) });
                    }}
                    className={`${inputClass} w-24`}
                  />
                </Field>
                <Field id={bandId("to")} label={t("toRow")}>
                  <input
                    id={bandId("to")}
                    type="number"
                    min={1}
                    max={hall.rows}
                    value={band.toRow}
                    onChange={(event) => {
                      updateBand(band.key, { toRow: Number(event.target.value) });
                    }}
                    className={`${inputClass} w-24`}
                  />
                </Field>
                <RemoveRowButton
                  placement="mb-5"
                  disabled={bands.length === 1}
                  label={t("removeBand", { number: index + 1 })}
                  onRemove={() => {
                    setBands((current) => current.filter((item) => item.key !== band.key));
                  }}
                >
                  {t("remove")}
                </RemoveRowButton>
              </div>
            );
          })}
          <button
            type="button"
            className={`${secondaryButtonClass} self-start`}
            disabled={!hydrated}
            onClick={() => {
              setBands((current) => [
                ...current,
                {
                  key: Math.max(0, ...current.map((band) => band.key)) + 1,
                  gradeId: grades[0]?.id ?? "",
                  fromRow: hall.rows,
                  toRow: hall.rows,
                },
              ]);
            }}
          >
            {t("addBand")}
          </button>
          <p className="min-h-5 text-sm font-medium text-red-700" aria-live="polite">
            {errors.bands ??
              (missing.length > 0
                ? t("missingRows", {
                    rows: `${missing.slice(0, 10).join(", ")}${missing.length > 10 ? "…" : ""}`,
                  })
                : "")}
          </p>
        </fieldset>
        <figure className="w-full md:w-48" aria-label={t("preview")}>
          <figcaption className="mb-1 text-center text-xs font-medium text-slate-500">
            {t("stage")}
          </figcaption>
          <div className="flex flex-col gap-px rounded border border-slate-200 bg-white p-1">
            {byRow.map((gradeId, index) => {
              const grade = gradeId ? gradeById.get(gradeId) : undefined;
              return (
                <div
                  key={index}
                  title={t("rowTitle", { row: index + 1, grade: grade?.name ?? t("noGrade") })}
                  className={`h-1.5 rounded-sm ${grade ? "" : "bg-[repeating-linear-gradient(45deg,#e2e8f0,#e2e8f0_3px,#fff_3px,#fff_6px)]"}`}
                  style={grade ? { backgroundColor: grade.colour } : undefined}
                />
              );
            })}
          </div>
        </figure>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={!ready || pending || grades.length === 0}
          className={buttonClass}
        >
          {pending ? t("adding") : t("addShow", { count: hall.rows * hall.columns })}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {note ?? ""}
        </p>
      </div>
    </form>
  );
}

export function ScheduleManager({
  performanceId,
  schedules,
  grades,
  hall,
  defaultStartsAt,
}: {
  performanceId: string;
  schedules: ScheduleRow[];
  grades: Grade[];
  hall: { rows: number; columns: number };
  defaultStartsAt: string;
}) {
  const hydrated = useHydrated();
  const t = useTranslations("organizer.schedules");
  const locale = useLocale();
  const errorText = useErrorText();
  const router = useRouter();
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();

  async function remove(schedule: ScheduleRow) {
    const confirmed = await confirm({
      title: t("deleteTitle", { time: formatDateTime(schedule.startsAt, locale) }),
      confirmLabel: t("deleteConfirm"),
      body: <p>{t("deleteText", { count: schedule.seatCount })}</p>,
    });
    if (!confirmed) return;
    setAlert(null);
    try {
      await apiRequest(`/api/admin/schedules/${schedule.id}`, { method: "DELETE" });
      router.refresh();
    } catch (error) {
      setAlert(errorText(error));
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <FormAlert message={alert} />
      {dialog}
      {schedules.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {schedules.map((schedule) => (
            <li
              key={schedule.id}
              className="flex flex-wrap items-center justify-between gap-2 px-4 py-2"
              data-testid="admin-schedule"
            >
              <div>
                <p className="font-semibold">{formatDateTime(schedule.startsAt, locale)}</p>
                <p className="text-xs text-slate-500">
                  {t("counts", {
                    seats: schedule.seatCount,
                    reservations: schedule.reservationCount,
                  })}
                </p>
                {schedule.reservationCount > 0 ? (
                  <div className="flex flex-wrap items-center gap-2 text-xs">
                    <DoorStatsLine scheduleId={schedule.id} paused={false} />
                    <a href={`/door?show=${schedule.id}`} className="font-semibold text-brand-700">
                      {t("door")}
                    </a>
                    <a
                      href={`/organizer/shows/${schedule.id}`}
                      className="font-semibold text-brand-700"
                    >
                      {t("ordersLink")}
                    </a>
                  </div>
                ) : null}
              </div>
              {schedule.reservationCount > 0 ? (
                <p className="max-w-xs text-xs text-slate-500">{t("cannotDelete")}</p>
              ) : (
                <button
                  type="button"
                  className={dangerButtonClass}
                  disabled={!hydrated}
                  onClick={() => void remove(schedule)}
                  aria-label={t("deleteLabel", {
                    time: formatDateTime(schedule.startsAt, locale),
                  })}
                >
                  {t("delete")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {grades.length === 0 ? (
        <p className="text-sm text-slate-600">{t("gradeFirst")}</p>
      ) : (
        <ScheduleCreator
          // New or removed grades re-seed the default bands.
          key={grades.map((grade) => grade.id).join()}
          performanceId={performanceId}
          grades={grades}
          hall={hall}
          defaultStartsAt={defaultStartsAt}
        />
      )}
    </div>
  );
}
