"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { queueLimits } from "@/server/admin/limits";
import { queueSettingProblemText, type QueueTranslator } from "./queue-setting-problem-text";
import { apiRequest } from "../api-client";
import { buttonClass, describedBy, Field, FormAlert, inputClass } from "../form/field";
import { optionalNumber } from "./input-values";
import { formText } from "../form/form-text";
import { useSubmit } from "../form/use-submit";

export interface QueueSettingsValues {
  maxActive: number | null;
  admitRatePerSec: number | null;
  tokenTtlSeconds: number | null;
  refuseRatio: number | null;
  powComplexity: number | null;
  requireVerifiedEmail: boolean;
}

type NumericSetting = Exclude<keyof QueueSettingsValues, "requireVerifiedEmail">;

/** What an empty field means on this system: the queue service's and the server's defaults. */
export type QueueSettingDefaults = Record<NumericSetting, number>;

const fields: { name: NumericSetting; step: string }[] = [
  { name: "maxActive", step: "1" },
  { name: "admitRatePerSec", step: "1" },
  { name: "tokenTtlSeconds", step: "1" },
  { name: "refuseRatio", step: "0.1" },
  { name: "powComplexity", step: "1" },
];

/** The value an empty field stands for, as its placeholder and hint show it. */
function defaultText(t: QueueTranslator, name: NumericSetting, value: number): string {
  // The refusal's ratio and the browser check are off at 0.
  if (value === 0 && (name === "refuseRatio" || name === "powComplexity")) return t("off");
  return value.toLocaleString("en-GB");
}

/**
 * The waiting room's live tuning of one performance; empty fields use the defaults, which
 * they show. Values out of range are refused here, before sending, in the same words the
 * API would use.
 */
export function QueueSettingsForm({
  performanceId,
  settings,
  defaults,
}: {
  performanceId: string;
  settings: QueueSettingsValues;
  defaults: QueueSettingDefaults;
}) {
  const t = useTranslations("organizer.queue");
  const tOrganizer = useTranslations("organizer");
  const router = useRouter();
  const { pending, ready, errors, alert, note, onSubmit } = useSubmit(async (form) => {
    const values = fields.map(
      (field) => [field.name, optionalNumber(formText(form, field.name))] as const,
    );
    const problems = Object.fromEntries(
      values.flatMap(([name, value]) => {
        const problem = queueSettingProblemText(t, name, value);
        return problem ? [[name, problem]] : [];
      }),
    );
    if (Object.keys(problems).length > 0) {
      return { alert: tOrganizer("invalid"), errors: problems };
    }
    const body = {
      ...Object.fromEntries(values),
      requireVerifiedEmail: form.get("requireVerifiedEmail") === "on",
    };
    await apiRequest(`/api/admin/performances/${performanceId}/queue-settings`, {
      method: "PUT",
      body,
    });
    router.refresh();
    return { note: t("saved") };
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      <FormAlert message={alert} />
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        {fields.map((field) => {
          const id = `queue-${field.name}`;
          const limits = queueLimits[field.name];
          const error = errors[field.name];
          return (
            <Field
              key={field.name}
              id={id}
              label={t(`label_${field.name}`)}
              hint={`${t(`hint_${field.name}`)} ${t("range", {
                min: limits.min,
                max: limits.max.toLocaleString("en-GB"),
                value: defaultText(t, field.name, defaults[field.name]),
              })}`}
              error={error}
            >
              <input
                {...describedBy(id, error, true)}
                name={field.name}
                type="number"
                inputMode="decimal"
                step={field.step}
                min={limits.min}
                max={limits.max}
                defaultValue={settings[field.name] ?? ""}
                placeholder={t("placeholder", {
                  value: defaultText(t, field.name, defaults[field.name]),
                })}
                className={inputClass}
              />
            </Field>
          );
        })}
      </div>
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            name="requireVerifiedEmail"
            aria-describedby="queue-requireVerifiedEmail-hint"
            defaultChecked={settings.requireVerifiedEmail}
            className="h-4 w-4"
          />
          {t("verifiedEmail")}
        </label>
        <p id="queue-requireVerifiedEmail-hint" className="text-sm text-gray-600">
          {t("verifiedEmailHint")}
        </p>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={!ready || pending} className={buttonClass}>
          {pending ? tOrganizer("saving") : t("save")}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {note ?? ""}
        </p>
      </div>
    </form>
  );
}
