"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { hallLimits } from "@/server/admin/limits";
import { apiRequest } from "../api-client";
import { buttonClass, describedBy, Field, FormAlert, inputClass } from "../form/field";
import { formText } from "../form/form-text";
import { useSubmit } from "../form/use-submit";
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

/**
 * `timeZones` come from the server page (Intl's list there), so the options the server
 * renders are the ones the browser hydrates.
 */
export function HallForm({ hall, timeZones }: { hall?: HallFormValues; timeZones: string[] }) {
  const t = useTranslations("organizer.hall");
  const tField = useTranslations("fieldErrors");
  const router = useRouter();
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
  const { pending, errors, alert, note, onSubmit } = useSubmit(async (form) => {
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
    if (Object.keys(problems).length > 0) return { alert: t("invalid"), errors: problems };
    if (hall) {
      await apiRequest(`/api/admin/halls/${hall.id}`, { method: "PATCH", body });
      router.refresh();
      return { note: t("saved") };
    }
    await apiRequest("/api/admin/halls", { method: "POST", body });
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
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? t("saving") : hall ? t("save") : t("create")}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {note ?? ""}
        </p>
      </div>
    </form>
  );
}
