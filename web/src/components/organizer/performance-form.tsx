"use client";

import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { gradeLimits, maxSeatsPerReservationLimits, saleStatuses } from "@/server/admin/limits";
import { apiRequest } from "../api-client";
import {
  buttonClass,
  describedBy,
  Field,
  FormAlert,
  inputClass,
  secondaryButtonClass,
} from "../form/field";
import { eurosToMinor, fromUtcInput, toUtcInput } from "./input-values";
import { formText } from "../form/form-text";
import { useSubmit } from "../form/use-submit";

export interface PerformanceFormValues {
  id?: string;
  name: string;
  slug: string;
  description: string;
  posterUrl: string | null;
  runtimeMinutes: number;
  ageRating: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  maxSeatsPerReservation: number;
  hallId: string;
}

interface GradeDraft {
  key: number;
  name: string;
  price: string;
  colour: string;
}

const saleStatusLabels: Record<(typeof saleStatuses)[number], string> = {
  DRAFT: "Draft (hidden from buyers)",
  PUBLISHED: "Published (on sale inside the booking window)",
  CLOSED: "Closed (visible, no new bookings)",
};

const defaultGrades: GradeDraft[] = [
  { key: 1, name: "R", price: "80.00", colour: "#C0392B" },
  { key: 2, name: "S", price: "50.00", colour: "#2E86C1" },
];

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120);
}

/**
 * Creates a performance with its grades, or edits one's fields. Opening and closing the
 * sale of an existing performance is done with the sale controls, not here.
 */
export function PerformanceForm({
  halls,
  initial,
}: {
  halls: { id: string; name: string; rows: number; columns: number }[];
  initial: PerformanceFormValues;
}) {
  const router = useRouter();
  const formId = useId();
  const editing = initial.id !== undefined;
  const [slug, setSlug] = useState(initial.slug);
  const [slugTouched, setSlugTouched] = useState(editing);
  const [grades, setGrades] = useState<GradeDraft[]>(defaultGrades);

  function updateGrade(key: number, change: Partial<GradeDraft>) {
    setGrades((current) =>
      current.map((grade) => (grade.key === key ? { ...grade, ...change } : grade)),
    );
  }

  const { pending, errors, alert, note, onSubmit } = useSubmit(async (form) => {
    const text = (name: string) => formText(form, name);
    const fields = {
      name: text("name"),
      slug,
      description: text("description"),
      posterUrl: text("posterUrl"),
      runtimeMinutes: Number(text("runtimeMinutes")),
      ageRating: text("ageRating"),
      bookingOpensAt: fromUtcInput(text("bookingOpensAt")),
      bookingClosesAt: fromUtcInput(text("bookingClosesAt")),
      maxSeatsPerReservation: Number(text("maxSeatsPerReservation")),
      hallId: text("hallId"),
    };
    if (initial.id) {
      await apiRequest(`/api/admin/performances/${initial.id}`, {
        method: "PATCH",
        body: fields,
      });
      router.refresh();
      return { note: "Saved." };
    }
    const body = {
      ...fields,
      saleStatus: text("saleStatus"),
      grades: grades.map((grade, index) => ({
        name: grade.name,
        // NaN fails validation and is reported beside the price.
        priceMinor: eurosToMinor(grade.price) ?? Number.NaN,
        colour: grade.colour,
        sortOrder: index,
      })),
    };
    const { performance } = await apiRequest<{ performance: { id: string } }>(
      "/api/admin/performances",
      { method: "POST", body },
    );
    router.push(`/organizer/performances/${performance.id}` as Route);
    return { leaving: true };
  });

  const id = (name: string) => `${formId}-${name}`;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormAlert message={alert} />
      <div className="grid grid-cols-1 gap-x-4 sm:grid-cols-2">
        <Field id={id("name")} label="Name" error={errors.name}>
          <input
            {...describedBy(id("name"), errors.name)}
            name="name"
            defaultValue={initial.name}
            maxLength={200}
            required
            onChange={(event) => {
              if (!slugTouched) setSlug(slugify(event.target.value));
            }}
            className={inputClass}
          />
        </Field>
        <Field
          id={id("slug")}
          label="Slug"
          hint="The address: /performances/<slug>."
          error={errors.slug}
        >
          <input
            {...describedBy(id("slug"), errors.slug, true)}
            name="slug"
            value={slug}
            maxLength={120}
            required
            onChange={(event) => {
              setSlugTouched(true);
              setSlug(event.target.value);
            }}
            className={inputClass}
          />
        </Field>
        <Field
          id={id("description")}
          label="Description"
          error={errors.description}
          className="sm:col-span-2"
        >
          <textarea
            {...describedBy(id("description"), errors.description)}
            name="description"
            defaultValue={initial.description}
            rows={3}
            maxLength={5000}
            className={inputClass}
          />
        </Field>
        <Field
          id={id("posterUrl")}
          label="Poster URL"
          hint="A path on this site such as /posters/name.svg, or an https URL. Optional."
          error={errors.posterUrl}
        >
          <input
            {...describedBy(id("posterUrl"), errors.posterUrl, true)}
            name="posterUrl"
            defaultValue={initial.posterUrl ?? ""}
            className={inputClass}
          />
        </Field>
        <Field id={id("hallId")} label="Hall" error={errors.hallId}>
          <select
            {...describedBy(id("hallId"), errors.hallId)}
            name="hallId"
            defaultValue={initial.hallId}
            required
            className={inputClass}
          >
            {halls.map((hall) => (
              <option key={hall.id} value={hall.id}>
                {hall.name} ({hall.rows} × {hall.columns})
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={id("runtimeMinutes")}
          label="Running time (minutes)"
          error={errors.runtimeMinutes}
        >
          <input
            {...describedBy(id("runtimeMinutes"), errors.runtimeMinutes)}
            name="runtimeMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={1440}
            defaultValue={initial.runtimeMinutes}
            required
            className={inputClass}
          />
        </Field>
        <Field
          id={id("ageRating")}
          label="Age rating"
          hint='e.g. "ALL", "12+".'
          error={errors.ageRating}
        >
          <input
            {...describedBy(id("ageRating"), errors.ageRating, true)}
            name="ageRating"
            defaultValue={initial.ageRating}
            maxLength={16}
            required
            className={inputClass}
          />
        </Field>
        <Field id={id("bookingOpensAt")} label="Booking opens (UTC)" error={errors.bookingOpensAt}>
          <input
            {...describedBy(id("bookingOpensAt"), errors.bookingOpensAt)}
            name="bookingOpensAt"
            type="datetime-local"
            defaultValue={toUtcInput(initial.bookingOpensAt)}
            required
            className={inputClass}
          />
        </Field>
        <Field
          id={id("bookingClosesAt")}
          label="Booking closes (UTC)"
          error={errors.bookingClosesAt}
        >
          <input
            {...describedBy(id("bookingClosesAt"), errors.bookingClosesAt)}
            name="bookingClosesAt"
            type="datetime-local"
            defaultValue={toUtcInput(initial.bookingClosesAt)}
            required
            className={inputClass}
          />
        </Field>
        <Field
          id={id("maxSeatsPerReservation")}
          label="Seats per booking, at most"
          error={errors.maxSeatsPerReservation}
        >
          <input
            {...describedBy(id("maxSeatsPerReservation"), errors.maxSeatsPerReservation)}
            name="maxSeatsPerReservation"
            type="number"
            inputMode="numeric"
            min={maxSeatsPerReservationLimits.min}
            max={maxSeatsPerReservationLimits.max}
            defaultValue={initial.maxSeatsPerReservation}
            required
            className={inputClass}
          />
        </Field>
        {editing ? null : (
          <Field id={id("saleStatus")} label="Sale status" error={errors.saleStatus}>
            <select
              {...describedBy(id("saleStatus"), errors.saleStatus)}
              name="saleStatus"
              defaultValue="DRAFT"
              className={inputClass}
            >
              {saleStatuses.map((status) => (
                <option key={status} value={status}>
                  {saleStatusLabels[status]}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>

      {editing ? null : (
        <fieldset className="flex flex-col gap-2 rounded-xl border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold">Grades and prices (EUR)</legend>
          <p className="text-xs text-slate-500">
            Most expensive first. Rows get their grade when you add a show time.
          </p>
          {errors.grades ? (
            <p className="text-xs font-medium text-red-700">{errors.grades}</p>
          ) : null}
          {grades.map((grade, index) => {
            const gradeId = (field: string) => `${formId}-grade-${grade.key}-${field}`;
            const error = (field: string) => errors[`grades.${index}.${field}`];
            return (
              <div key={grade.key} className="grid grid-cols-[1fr_1fr_auto_auto] items-start gap-2">
                <Field id={gradeId("name")} label={`Grade ${index + 1} name`} error={error("name")}>
                  <input
                    {...describedBy(gradeId("name"), error("name"))}
                    value={grade.name}
                    maxLength={50}
                    onChange={(event) => {
                      updateGrade(grade.key, { name: event.target.value });
                    }}
                    className={inputClass}
                  />
                </Field>
                <Field id={gradeId("price")} label="Price (€)" error={error("priceMinor")}>
                  <input
                    {...describedBy(gradeId("price"), error("priceMinor"))}
                    value={grade.price}
                    inputMode="decimal"
                    max={gradeLimits.priceMinor.max / 100}
                    onChange={(event) => {
                      updateGrade(grade.key, { price: event.target.value });
                    }}
                    className={inputClass}
                  />
                </Field>
                <Field id={gradeId("colour")} label="Colour" error={error("colour")}>
                  <input
                    {...describedBy(gradeId("colour"), error("colour"))}
                    type="color"
                    value={grade.colour}
                    onChange={(event) => {
                      updateGrade(grade.key, { colour: event.target.value });
                    }}
                    className="h-10 w-14 cursor-pointer rounded-lg border border-slate-300 bg-white p-1"
                  />
                </Field>
                <button
                  type="button"
                  className="mt-6 rounded-lg px-2 py-2 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:opacity-40"
                  disabled={grades.length === 1}
                  aria-label={`Remove grade ${index + 1}`}
                  onClick={() => {
                    setGrades((current) => current.filter((item) => item.key !== grade.key));
                  }}
                >
                  Remove
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className={`${secondaryButtonClass} self-start`}
            disabled={grades.length >= 10}
            onClick={() => {
              setGrades((current) => [
                ...current,
                {
                  key: Math.max(0, ...current.map((g) => g.key)) + 1,
                  name: "",
                  price: "",
                  colour: "#16A085",
                },
              ]);
            }}
          >
            Add grade
          </button>
        </fieldset>
      )}

      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending || halls.length === 0} className={buttonClass}>
          {pending ? "Saving…" : editing ? "Save details" : "Create performance"}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {note ?? ""}
        </p>
      </div>
    </form>
  );
}
