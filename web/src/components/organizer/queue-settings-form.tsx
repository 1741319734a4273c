"use client";

import { useRouter } from "next/navigation";
import { queueLimits } from "@/server/admin/limits";
import { findQueueSettingProblem } from "@/server/admin/queue-setting-problem";
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

/** The value an empty field stands for, as its placeholder and hint show it. */
function defaultText(name: NumericSetting, value: number): string {
  // The refusal's ratio and the browser check are off at 0.
  if (value === 0 && (name === "refuseRatio" || name === "powComplexity")) return "off";
  return value.toLocaleString("en-GB");
}

const fields: {
  name: NumericSetting;
  label: string;
  hint: string;
  step: string;
}[] = [
  {
    name: "maxActive",
    label: "Buyers booking at once",
    hint: "The working set: how many may pick seats and pay at the same time.",
    step: "1",
  },
  {
    name: "admitRatePerSec",
    label: "Admissions per second",
    hint: "How fast the line moves while the working set has room.",
    step: "1",
  },
  {
    name: "tokenTtlSeconds",
    label: "Booking time (seconds)",
    hint: "How long an admitted buyer may take to book.",
    step: "1",
  },
  {
    name: "refuseRatio",
    label: "Refuse when line exceeds × seats left",
    hint: "Turn newcomers away once the line is this many times the seats left.",
    step: "0.1",
  },
  {
    name: "powComplexity",
    label: "Browser check to join the line",
    hint:
      "Proof of work each buyer's browser does before joining, so an account farm pays for " +
      "every place it takes. 8,000 takes a laptop about a second; 0 turns it off.",
    step: "1",
  },
];

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
  const router = useRouter();
  const { pending, errors, alert, note, onSubmit } = useSubmit(async (form) => {
    const values = fields.map(
      (field) => [field.name, optionalNumber(formText(form, field.name))] as const,
    );
    const problems = Object.fromEntries(
      values.flatMap(([name, value]) => {
        const problem = findQueueSettingProblem(name, value);
        return problem ? [[name, problem]] : [];
      }),
    );
    if (Object.keys(problems).length > 0) {
      return { alert: "Some fields are not valid.", errors: problems };
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
    return { note: "Saved. The waiting room runs with them from now on." };
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
              label={field.label}
              hint={`${field.hint} ${limits.min}–${limits.max.toLocaleString("en-GB")}; empty for the default, ${defaultText(field.name, defaults[field.name])}.`}
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
                placeholder={`${defaultText(field.name, defaults[field.name])} (default)`}
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
          Only buyers with a confirmed email may join the line
        </label>
        <p id="queue-requireVerifiedEmail-hint" className="text-sm text-gray-600">
          Each account then costs a working mailbox, which slows account farms. Untick it to let any
          signed-in buyer in.
        </p>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : "Save queue settings"}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {note ?? ""}
        </p>
      </div>
    </form>
  );
}
