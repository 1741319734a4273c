"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "../api-client";
import { useErrorText } from "../use-error-text";
import { formatMoney } from "../format";
import {
  buttonClass,
  dangerButtonClass,
  describedBy,
  Field,
  FormAlert,
  inputClass,
  secondaryButtonClass,
} from "../form/field";
import { gradeLimits } from "@/server/admin/limits";
import { useConfirmDialog } from "./use-confirm-dialog";
import { currencyDigits, currencySymbol } from "@ticketping/common/format";
import { majorToMinor, minorToMajor, pricePlaceholder } from "./input-values";
import { formText } from "../form/form-text";
import { useSubmit } from "../form/use-submit";
import { useHydrated } from "../use-hydrated";

export interface GradeRow {
  id: string;
  name: string;
  priceMinor: number;
  currency: string;
  colour: string;
  sortOrder: number;
  seatCount: number;
}

function GradeForm({
  grade,
  performanceId,
  currency,
  onDone,
}: {
  grade?: GradeRow;
  performanceId: string;
  /** The performance's: every grade's price is in it. */
  currency: string;
  onDone: () => void;
}) {
  const locale = useLocale();
  const t = useTranslations("organizer.grades");
  const tOrganizer = useTranslations("organizer");
  const tField = useTranslations("fieldErrors");
  const router = useRouter();
  const prefix = grade ? `grade-${grade.id}` : "grade-new";

  const priceRule = tField("price", {
    example: pricePlaceholder(currency),
    max: minorToMajor(gradeLimits.priceMinor.max, currency),
  });
  const { pending, ready, errors, alert, onSubmit } = useSubmit(
    async (form) => {
      const body = {
        name: formText(form, "name"),
        priceMinor: majorToMinor(formText(form, "price"), currency) ?? Number.NaN,
        colour: formText(form, "colour"),
        sortOrder: Number(formText(form, "sortOrder")),
      };
      if (grade) {
        await apiRequest(`/api/admin/grades/${grade.id}`, { method: "PATCH", body });
      } else {
        await apiRequest(`/api/admin/performances/${performanceId}/grades`, {
          method: "POST",
          body,
        });
      }
      router.refresh();
      onDone();
      return undefined;
    },
    { fieldRules: { priceMinor: priceRule } },
  );

  return (
    <form
      onSubmit={onSubmit}
      className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3"
      noValidate
    >
      <FormAlert message={alert} />
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-[1fr_1fr_auto_6rem]">
        <Field id={`${prefix}-name`} label={t("name")} error={errors.name}>
          <input
            {...describedBy(`${prefix}-name`, errors.name)}
            name="name"
            defaultValue={grade?.name}
            maxLength={50}
            className={inputClass}
          />
        </Field>
        <Field
          id={`${prefix}-price`}
          label={t("price", { symbol: currencySymbol(currency, locale) })}
          error={errors.priceMinor}
        >
          <input
            {...describedBy(`${prefix}-price`, errors.priceMinor)}
            name="price"
            inputMode={currencyDigits(currency) === 0 ? "numeric" : "decimal"}
            placeholder={pricePlaceholder(currency)}
            defaultValue={grade ? minorToMajor(grade.priceMinor, currency) : ""}
            className={inputClass}
          />
        </Field>
        <Field id={`${prefix}-colour`} label={t("colour")} error={errors.colour}>
          <input
            {...describedBy(`${prefix}-colour`, errors.colour)}
            name="colour"
            type="color"
            defaultValue={grade?.colour ?? "#16A085"}
            className="h-10 w-14 cursor-pointer rounded-lg border border-slate-300 bg-white p-1"
          />
        </Field>
        <Field id={`${prefix}-order`} label={t("order")} error={errors.sortOrder}>
          <input
            {...describedBy(`${prefix}-order`, errors.sortOrder)}
            name="sortOrder"
            type="number"
            min={0}
            max={1000}
            defaultValue={grade?.sortOrder ?? 0}
            className={inputClass}
          />
        </Field>
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={!ready || pending} className={buttonClass}>
          {pending ? tOrganizer("saving") : grade ? t("save") : t("add")}
        </button>
        <button type="button" onClick={onDone} className={secondaryButtonClass}>
          {tOrganizer("cancel")}
        </button>
      </div>
    </form>
  );
}

/**
 * The grades of a performance. Prices are locked by the server once any reservation
 * exists; the error it sends says why, and is shown as is.
 */
export function GradesEditor({
  performanceId,
  currency,
  grades,
}: {
  performanceId: string;
  /** The performance's currency, which every grade's price is in. */
  currency: string;
  grades: GradeRow[];
}) {
  const hydrated = useHydrated();
  const t = useTranslations("organizer.grades");
  const locale = useLocale();
  const errorText = useErrorText();
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();

  async function remove(grade: GradeRow) {
    const confirmed = await confirm({
      title: t("deleteTitle", { name: grade.name }),
      confirmLabel: t("deleteConfirm"),
      body: <p>{t("deleteText")}</p>,
    });
    if (!confirmed) return;
    setAlert(null);
    try {
      await apiRequest(`/api/admin/grades/${grade.id}`, { method: "DELETE" });
      router.refresh();
    } catch (error) {
      setAlert(errorText(error));
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <FormAlert message={alert} />
      {dialog}
      <ul className="flex flex-col gap-2">
        {grades.map((grade) =>
          editing === grade.id ? (
            <li key={grade.id}>
              <GradeForm
                grade={grade}
                performanceId={performanceId}
                currency={currency}
                onDone={() => {
                  setEditing(null);
                }}
              />
            </li>
          ) : (
            <li
              key={grade.id}
              className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2"
              data-testid="grade-row"
            >
              <span
                aria-hidden
                className="h-4 w-4 rounded-sm ring-1 ring-black/10"
                style={{ backgroundColor: grade.colour }}
              />
              <span className="min-w-16 font-semibold">{grade.name}</span>
              <span className="tabular-nums">
                {formatMoney(grade.priceMinor, grade.currency, locale)}
              </span>
              <span className="text-xs text-slate-500">
                {t("seats", { count: grade.seatCount })}
              </span>
              <span className="ml-auto flex gap-2">
                <button
                  type="button"
                  className={secondaryButtonClass}
                  disabled={!hydrated}
                  onClick={() => {
                    setEditing(grade.id);
                  }}
                  aria-label={t("editLabel", { name: grade.name })}
                >
                  {t("edit")}
                </button>
                <button
                  type="button"
                  className={dangerButtonClass}
                  disabled={!hydrated}
                  onClick={() => void remove(grade)}
                  aria-label={t("deleteLabel", { name: grade.name })}
                >
                  {t("delete")}
                </button>
              </span>
            </li>
          ),
        )}
      </ul>
      {editing === "new" ? (
        <GradeForm
          performanceId={performanceId}
          currency={currency}
          onDone={() => {
            setEditing(null);
          }}
        />
      ) : (
        <button
          type="button"
          className={`${secondaryButtonClass} self-start`}
          disabled={!hydrated}
          onClick={() => {
            setEditing("new");
          }}
        >
          {t("add")}
        </button>
      )}
    </div>
  );
}
