"use client";

import type { Route } from "next";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import {
  gradeLimits,
  maxSeatsPerReservationLimits,
  performanceCurrencies,
  runtimeMinutesLimits,
  saleStatuses,
} from "@/server/admin/limits";
import { apiRequest } from "../api-client";
import {
  buttonClass,
  describedBy,
  Field,
  FormAlert,
  inputClass,
  secondaryButtonClass,
} from "../form/field";
import { RemoveRowButton } from "../form/remove-row-button";
import { currencyDigits, currencySymbol } from "@ticketping/common/format";
import {
  fromUtcInput,
  majorToMinor,
  minorToMajor,
  pricePlaceholder,
  retypePrice,
  toUtcInput,
} from "./input-values";
import { formText } from "../form/form-text";
import { useSubmit } from "../form/use-submit";
import { wholeNumberProblem } from "./whole-number-problem";

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
  /** ISO 4217, one of performanceCurrencies. */
  currency: string;
  /** Anyone reserved: the currency cannot change (the API says CURRENCY_LOCKED). */
  currencyLocked: boolean;
}

interface GradeDraft {
  key: number;
  name: string;
  price: string;
  colour: string;
}

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
  const t = useTranslations("organizer.performanceForm");
  const locale = useLocale();
  const tOrganizer = useTranslations("organizer");
  const tField = useTranslations("fieldErrors");
  const router = useRouter();
  const formId = useId();
  const rangeWords = {
    runtimeMinutes: {
      whole: tField("wholeNumber"),
      min: tField("runtimeMin", { min: runtimeMinutesLimits.min }),
      max: tField("runtimeMax", { max: runtimeMinutesLimits.max }),
    },
    maxSeatsPerReservation: {
      whole: tField("wholeNumber"),
      min: tField("seatsMin", { min: maxSeatsPerReservationLimits.min }),
      max: tField("seatsMax", { max: maxSeatsPerReservationLimits.max }),
    },
  };
  const editing = initial.id !== undefined;
  const [currency, setCurrency] = useState(initial.currency);
  const priceWords = tField("price", {
    example: pricePlaceholder(currency),
    max: minorToMajor(gradeLimits.priceMinor.max, currency),
  });
  const symbol = currencySymbol(currency, locale);
  const [slug, setSlug] = useState(initial.slug);
  const [slugTouched, setSlugTouched] = useState(editing);
  const [grades, setGrades] = useState<GradeDraft[]>(defaultGrades);

  function updateGrade(key: number, change: Partial<GradeDraft>) {
    setGrades((current) =>
      current.map((grade) => (grade.key === key ? { ...grade, ...change } : grade)),
    );
  }

  const { pending, ready, errors, alert, note, onSubmit } = useSubmit(async (form) => {
    const text = (name: string) => formText(form, name);
    const fields = {
      name: text("name"),
      slug,
      description: text("description"),
      posterUrl: text("posterUrl"),
      runtimeMinutes: Number(text("runtimeMinutes") || Number.NaN),
      ageRating: text("ageRating"),
      bookingOpensAt: fromUtcInput(text("bookingOpensAt")),
      bookingClosesAt: fromUtcInput(text("bookingClosesAt")),
      maxSeatsPerReservation: Number(text("maxSeatsPerReservation") || Number.NaN),
      hallId: text("hallId"),
      currency,
    };
    const problems: Record<string, string> = {};
    const runtimeProblem = wholeNumberProblem(
      fields.runtimeMinutes,
      runtimeMinutesLimits,
      rangeWords.runtimeMinutes,
    );
    if (runtimeProblem) problems.runtimeMinutes = runtimeProblem;
    const seatsProblem = wholeNumberProblem(
      fields.maxSeatsPerReservation,
      maxSeatsPerReservationLimits,
      rangeWords.maxSeatsPerReservation,
    );
    if (seatsProblem) problems.maxSeatsPerReservation = seatsProblem;
    if (!initial.id) {
      grades.forEach((grade, index) => {
        const minor = majorToMinor(grade.price, currency);
        if (minor === null || minor > gradeLimits.priceMinor.max) {
          problems[`grades.${index}.priceMinor`] = priceWords;
        }
      });
    }
    if (Object.keys(problems).length > 0) {
      return { alert: tOrganizer("invalid"), errors: problems };
    }
    if (initial.id) {
      await apiRequest(`/api/admin/performances/${initial.id}`, {
        method: "PATCH",
        body: fields,
      });
      router.refresh();
      return { note: tOrganizer("saved") };
    }
    const body = {
      ...fields,
      saleStatus: text("saleStatus"),
      grades: grades.map((grade, index) => ({
        name: grade.name,
        // NaN fails validation and is reported beside the price.
        priceMinor: majorToMinor(grade.price, currency) ?? Number.NaN,
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
        <Field id={id("name")} label={t("name")} error={errors.name}>
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
          label={t("slug")}
          hint={t("slugHint", { path: "/performances/<slug>" })}
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
          label={t("description")}
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
          label={t("posterUrl")}
          hint={t("posterUrlHint")}
          error={errors.posterUrl}
        >
          <input
            {...describedBy(id("posterUrl"), errors.posterUrl, true)}
            name="posterUrl"
            defaultValue={initial.posterUrl ?? ""}
            className={inputClass}
          />
        </Field>
        <Field id={id("hallId")} label={t("hall")} error={errors.hallId}>
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
          id={id("currency")}
          label={t("currency")}
          hint={initial.currencyLocked ? t("currencyLocked") : t("currencyHint")}
          error={errors.currency}
        >
          <select
            {...describedBy(id("currency"), errors.currency, true)}
            name="currency"
            value={currency}
            disabled={initial.currencyLocked}
            onChange={(event) => {
              const next = event.target.value;
              setGrades((current) =>
                current.map((grade) => ({ ...grade, price: retypePrice(grade.price, next) })),
              );
              setCurrency(next);
            }}
            className={inputClass}
          >
            {performanceCurrencies.map((code) => (
              <option key={code} value={code}>
                {code} ({currencySymbol(code, locale)})
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("runtimeMinutes")} label={t("runtime")} error={errors.runtimeMinutes}>
          <input
            {...describedBy(id("runtimeMinutes"), errors.runtimeMinutes)}
            name="runtimeMinutes"
            type="number"
            inputMode="numeric"
            min={runtimeMinutesLimits.min}
            max={runtimeMinutesLimits.max}
            defaultValue={initial.runtimeMinutes}
            required
            className={inputClass}
          />
        </Field>
        <Field
          id={id("ageRating")}
          label={t("ageRating")}
          hint={t("ageRatingHint")}
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
        <Field id={id("bookingOpensAt")} label={t("opens")} error={errors.bookingOpensAt}>
          <input
            {...describedBy(id("bookingOpensAt"), errors.bookingOpensAt)}
            name="bookingOpensAt"
            type="datetime-local"
            defaultValue={toUtcInput(initial.bookingOpensAt)}
            required
            className={inputClass}
          />
        </Field>
        <Field id={id("bookingClosesAt")} label={t("closes")} error={errors.bookingClosesAt}>
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
          label={t("maxSeats")}
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
          <Field id={id("saleStatus")} label={t("saleStatus")} error={errors.saleStatus}>
            <select
              {...describedBy(id("saleStatus"), errors.saleStatus)}
              name="saleStatus"
              defaultValue="DRAFT"
              className={inputClass}
            >
              {saleStatuses.map((status) => (
                <option key={status} value={status}>
                  {t(`status_${status}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>

      {editing ? null : (
        <fieldset className="flex flex-col gap-2 rounded-xl border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold">{t("grades", { currency })}</legend>
          <p className="text-xs text-slate-500">{t("gradesHint")}</p>
          {errors.grades ? (
            <p className="text-xs font-medium text-red-700">{errors.grades}</p>
          ) : null}
          {grades.map((grade, index) => {
            const gradeId = (field: string) => `${formId}-grade-${grade.key}-${field}`;
            const error = (field: string) => errors[`grades.${index}.${field}`];
            return (
              <div key={grade.key} className="grid grid-cols-[1fr_1fr_auto_auto] items-start gap-2">
                <Field
                  id={gradeId("name")}
                  label={t("gradeName", { number: index + 1 })}
                  error={error("name")}
                >
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
                <Field
                  id={gradeId("price")}
                  label={t("price", { symbol })}
                  error={error("priceMinor")}
                >
                  <input
                    {...describedBy(gradeId("price"), error("priceMinor"))}
                    value={grade.price}
                    inputMode={currencyDigits(currency) === 0 ? "numeric" : "decimal"}
                    placeholder={pricePlaceholder(currency)}
                    onChange={(event) => {
                      updateGrade(grade.key, { price: event.target.value });
                    }}
                    className={inputClass}
                  />
                </Field>
                <Field id={gradeId("colour")} label={t("colour")} error={error("colour")}>
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
                <RemoveRowButton
                  placement="mt-6"
                  disabled={grades.length === 1}
                  label={t("removeGrade", { number: index + 1 })}
                  onRemove={() => {
                    setGrades((current) => current.filter((item) => item.key !== grade.key));
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
            {t("addGrade")}
          </button>
        </fieldset>
      )}

      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={!ready || pending || halls.length === 0}
          className={buttonClass}
        >
          {pending ? tOrganizer("saving") : editing ? t("saveDetails") : t("create")}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {note ?? ""}
        </p>
      </div>
    </form>
  );
}
