"use client";

import { useRouter } from "next/navigation";
import { useState, type SubmitEvent } from "react";
import { hallLimits } from "@/server/admin/limits";
import { apiRequest, ApiError } from "../api-client";
import { buttonClass, describedBy, Field, FormAlert, inputClass } from "../form/field";
import { formText } from "../form/form-text";

export interface HallFormValues {
  id: string;
  name: string;
  address: string;
  rows: number;
  columns: number;
}

export function HallForm({ hall }: { hall?: HallFormValues }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      name: formText(form, "name"),
      address: formText(form, "address"),
      rows: Number(formText(form, "rows")),
      columns: Number(formText(form, "columns")),
    };
    setPending(true);
    setErrors({});
    setAlert(null);
    setSaved(false);
    try {
      if (hall) {
        await apiRequest(`/api/admin/halls/${hall.id}`, { method: "PATCH", body });
        setSaved(true);
        router.refresh();
      } else {
        await apiRequest("/api/admin/halls", { method: "POST", body });
        router.push("/organizer");
        router.refresh();
      }
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors());
        setAlert(error.message);
      } else {
        setAlert("Something went wrong. Please try again.");
      }
    }
    setPending(false);
  }

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      className="flex max-w-xl flex-col gap-3"
      noValidate
    >
      <FormAlert message={alert} />
      <Field id="hall-name" label="Name" error={errors.name}>
        <input
          {...describedBy("hall-name", errors.name)}
          name="name"
          defaultValue={hall?.name}
          maxLength={200}
          required
          className={inputClass}
        />
      </Field>
      <Field id="hall-address" label="Address" error={errors.address}>
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
        <Field id="hall-rows" label="Rows" hint="Row 1 is nearest the stage." error={errors.rows}>
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
        <Field id="hall-columns" label="Seats per row" error={errors.columns}>
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
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : hall ? "Save hall" : "Create hall"}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {saved ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}
