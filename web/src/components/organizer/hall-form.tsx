"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { hallLimits } from "@/server/admin/limits";
import { NO_HALL_PLAN } from "@/server/hall-plan/hall-plan";
import { apiRequest } from "../api-client";
import { buttonClass, describedBy, Field, FormAlert, inputClass } from "../form/field";
import { formText } from "../form/form-text";
import { useSubmit } from "../form/use-submit";
import { HallPlanFields } from "./hall-plan-fields";
import { usePlanDraft } from "./use-plan-draft";
import { wholeNumberProblem } from "./whole-number-problem";

export interface HallFormValues {
  id: string;
  name: string;
  address: string;
  rows: number;
  columns: number;
  timeZone: string;
}

/** A new hall's zone unless the organizer picks another (the database's default too). */
const DEFAULT_TIME_ZONE = "Asia/Seoul";

const PLAN_PREFIX = "plan.";

/** A typed size, if it is within the hall's limits. */
const sizeWithin = (value: string, limits: { min: number; max: number }) => {
  const number = Number(value.trim() || Number.NaN);
  return Number.isInteger(number) && number >= limits.min && number <= limits.max ? number : null;
};

/**
 * `timeZones` come from the server page (Intl's list there), so the options the server
 * renders are the ones the browser hydrates. A new hall may get its aisles and sections
 * in the same step (one request: the hall is created with them or not at all); an existing
 * hall's are edited beside this form (HallPlanEditor).
 */
export function HallForm({ hall, timeZones }: { hall?: HallFormValues; timeZones: string[] }) {
  const t = useTranslations("organizer.hall");
  const tField = useTranslations("fieldErrors");
  const tPlan = useTranslations("hallPlan");
  const router = useRouter();
  const draft = usePlanDraft(NO_HALL_PLAN);
  // The typed size, for the plan's fields to check against and start new sections from.
  const [size, setSize] = useState({
    rows: String(hall?.rows ?? 10),
    columns: String(hall?.columns ?? 12),
  });
  const typedRows = sizeWithin(size.rows, hallLimits.rows);
  const typedColumns = sizeWithin(size.columns, hallLimits.columns);
  const rangeWords = {
    rows: {
      whole: tField("wholeNumber"),
      min: tField("rowsMin", { min: hallLimits.rows.min }),
      max: tField("rowsMax", { max: hallLimits.rows.max }),
    },
    columns: {
      whole: tField("wholeNumber"),
      min: tField("columnsMin", { min: hallLimits.columns.min }),
      max: tField("columnsMax", { max: hallLimits.columns.max }),
    },
  };
  const { pending, ready, errors, alert, note, onSubmit } = useSubmit(async (form) => {
    const body = {
      name: formText(form, "name"),
      address: formText(form, "address"),
      rows: Number(formText(form, "rows") || Number.NaN),
      columns: Number(formText(form, "columns") || Number.NaN),
      timeZone: formText(form, "timeZone"),
    };
    const problems = Object.fromEntries(
      (["rows", "columns"] as const).flatMap((name) => {
        const problem = wholeNumberProblem(body[name], hallLimits[name], rangeWords[name]);
        return problem ? [[name, problem]] : [];
      }),
    );
    if (hall) {
      if (Object.keys(problems).length > 0) return { alert: t("invalid"), errors: problems };
      await apiRequest(`/api/admin/halls/${hall.id}`, { method: "PATCH", body });
      router.refresh();
      return { note: t("saved") };
    }
    const planned = draft.read(
      Object.keys(problems).length > 0 ? undefined : { rows: body.rows, columns: body.columns },
    );
    for (const [path, problem] of Object.entries(planned.errors)) {
      problems[`${PLAN_PREFIX}${path}`] = problem;
    }
    if (Object.keys(problems).length > 0) return { alert: t("invalid"), errors: problems };
    await apiRequest("/api/admin/halls", { method: "POST", body: { ...body, plan: planned.plan } });
    router.push("/organizer");
    router.refresh();
    return undefined;
  });

  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-3" noValidate>
      <FormAlert message={alert} />
      <Field id="hall-name" label={t("name")} error={errors.name}>
        <input
          {...describedBy("hall-name", errors.name)}
          name="name"
          defaultValue={hall?.name}
          maxLength={200}
          required
          className={inputClass}
        />
      </Field>
      <Field id="hall-address" label={t("address")} error={errors.address}>
        <input
          {...describedBy("hall-address", errors.address)}
          name="address"
          defaultValue={hall?.address}
          maxLength={500}
          required
          className={inputClass}
        />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field id="hall-rows" label={t("rows")} hint={t("rowsHint")} error={errors.rows}>
          <input
            {...describedBy("hall-rows", errors.rows, true)}
            name="rows"
            type="number"
            inputMode="numeric"
            min={hallLimits.rows.min}
            max={hallLimits.rows.max}
            defaultValue={hall?.rows ?? 10}
            onChange={(event) => {
              setSize((current) => ({ ...current, rows: event.target.value }));
            }}
            required
            className={inputClass}
          />
        </Field>
        <Field id="hall-columns" label={t("columns")} error={errors.columns}>
          <input
            {...describedBy("hall-columns", errors.columns)}
            name="columns"
            type="number"
            inputMode="numeric"
            min={hallLimits.columns.min}
            max={hallLimits.columns.max}
            defaultValue={hall?.columns ?? 12}
            onChange={(event) => {
              setSize((current) => ({ ...current, columns: event.target.value }));
            }}
            required
            className={inputClass}
          />
        </Field>
      </div>
      <Field
        id="hall-time-zone"
        label={t("timeZone")}
        hint={t("timeZoneHint")}
        error={errors.timeZone}
      >
        <select
          {...describedBy("hall-time-zone", errors.timeZone, true)}
          name="timeZone"
          defaultValue={hall?.timeZone ?? DEFAULT_TIME_ZONE}
          required
          className={inputClass}
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </Field>
      {hall ? null : (
        <section aria-labelledby="new-hall-plan-heading" className="flex flex-col gap-3">
          <h2 id="new-hall-plan-heading" className="text-lg font-semibold">
            {tPlan("heading")}
          </h2>
          <p className="text-sm text-slate-600">{tPlan("createIntro")}</p>
          <HallPlanFields
            draft={draft}
            // Until the size is typed right, the fields take the largest hall's limits.
            hall={{
              rows: typedRows ?? hallLimits.rows.max,
              columns: typedColumns ?? hallLimits.columns.max,
            }}
            errors={Object.fromEntries(
              Object.entries(errors).flatMap(([path, error]) =>
                path.startsWith(PLAN_PREFIX) ? [[path.slice(PLAN_PREFIX.length), error]] : [],
              ),
            )}
          />
        </section>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={!ready || pending} className={buttonClass}>
          {pending ? t("saving") : hall ? t("save") : t("create")}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {note ?? ""}
        </p>
      </div>
    </form>
  );
}
