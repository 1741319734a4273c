"use client";

import { useRouter } from "next/navigation";
import { queueLimits } from "@/server/admin/limits";
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

/** The waiting room's live tuning of one performance; empty fields use the service default. */
export function QueueSettingsForm({
  performanceId,
  settings,
  defaultPowComplexity,
}: {
  performanceId: string;
  settings: QueueSettingsValues;
  /** What an empty proof-of-work field means on this server (POW_QUEUE_COMPLEXITY). */
  defaultPowComplexity: number;
}) {
  const router = useRouter();
  const { pending, errors, alert, note, onSubmit } = useSubmit(async (form) => {
    const body = {
      ...Object.fromEntries(
        fields.map((field) => [field.name, optionalNumber(formText(form, field.name))]),
      ),
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
              hint={`${field.hint} ${limits.min}–${limits.max.toLocaleString("en-GB")}; empty for the default.`}
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
                placeholder={
                  field.name === "powComplexity"
                    ? `Default (${defaultPowComplexity.toLocaleString("en-GB")})`
                    : "Default"
                }
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
