"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { findPlanProblems } from "@/server/hall-plan/find-plan-problems";
import { hallPlanLimits, type HallPlan } from "@/server/hall-plan/hall-plan";
import { apiRequest } from "../api-client";
import {
  buttonClass,
  dangerButtonClass,
  describedBy,
  Field,
  FormAlert,
  inputClass,
  secondaryButtonClass,
} from "../form/field";
import { useSubmit } from "../form/use-submit";

const sectionFields = ["fromRow", "toRow", "fromColumn", "toColumn"] as const;
type SectionField = (typeof sectionFields)[number];
type SectionDraft = { key: number; name: string } & Record<SectionField, string>;
type AisleDraft = { key: number; after: string };
type AisleKind = "aisleAfterRows" | "aisleAfterColumns";

let nextKey = 0;
const keyed = <T,>(value: T) => ({ ...value, key: (nextKey += 1) });

/** A typed number, if it is a whole number from 1. */
const wholeNumber = (value: string) => {
  const number = Number(value.trim());
  return value.trim() !== "" && Number.isInteger(number) && number >= 1 ? number : null;
};

/**
 * A hall's aisles and sections, added and removed in place and saved together (the API
 * replaces the whole plan). The form checks the plan with the API's own rules first, so
 * the organizer reads every problem in words beside its field before anything is sent.
 */
export function HallPlanEditor({
  hall,
  plan,
}: {
  hall: { id: string; rows: number; columns: number };
  plan: HallPlan;
}) {
  const t = useTranslations("hallPlan");
  const router = useRouter();
  const [aisles, setAisles] = useState<Record<AisleKind, AisleDraft[]>>(() => ({
    aisleAfterRows: plan.aisleAfterRows.map((after) => keyed({ after: String(after) })),
    aisleAfterColumns: plan.aisleAfterColumns.map((after) => keyed({ after: String(after) })),
  }));
  const [sections, setSections] = useState<SectionDraft[]>(() =>
    plan.sections.map((section) =>
      keyed({
        name: section.name,
        fromRow: String(section.fromRow),
        toRow: String(section.toRow),
        fromColumn: String(section.fromColumn),
        toColumn: String(section.toColumn),
      }),
    ),
  );

  const { pending, errors, alert, note, onSubmit } = useSubmit(async () => {
    const numberErrors: Record<string, string> = {};
    const number = (path: string, value: string) => {
      const parsed = wholeNumber(value);
      if (parsed === null) numberErrors[path] = t("wholeNumber");
      return parsed ?? 1;
    };
    const draft: HallPlan = {
      aisleAfterRows: aisles.aisleAfterRows.map((aisle, index) =>
        number(`aisleAfterRows.${index}`, aisle.after),
      ),
      aisleAfterColumns: aisles.aisleAfterColumns.map((aisle, index) =>
        number(`aisleAfterColumns.${index}`, aisle.after),
      ),
      sections: sections.map((section, index) => ({
        name: section.name,
        fromRow: number(`sections.${index}.fromRow`, section.fromRow),
        toRow: number(`sections.${index}.toRow`, section.toRow),
        fromColumn: number(`sections.${index}.fromColumn`, section.fromColumn),
        toColumn: number(`sections.${index}.toColumn`, section.toColumn),
      })),
    };
    const errors = { ...numberErrors };
    for (const problem of findPlanProblems(draft, hall)) {
      errors[problem.path] ??= t(`problem_${problem.code}`, problem.values);
    }
    if (Object.keys(errors).length > 0) return { alert: t("fixProblems"), errors };
    await apiRequest(`/api/admin/halls/${hall.id}/plan`, { method: "PUT", body: draft });
    router.refresh();
    return { note: t("saved") };
  });

  const addAisle = (kind: AisleKind) => {
    setAisles((current) => ({ ...current, [kind]: [...current[kind], keyed({ after: "" })] }));
  };
  const removeAisle = (kind: AisleKind, key: number) => {
    setAisles((current) => ({
      ...current,
      [kind]: current[kind].filter((aisle) => aisle.key !== key),
    }));
  };
  const changeAisle = (kind: AisleKind, key: number, after: string) => {
    setAisles((current) => ({
      ...current,
      [kind]: current[kind].map((aisle) => (aisle.key === key ? { ...aisle, after } : aisle)),
    }));
  };
  const addSection = () => {
    // The next rows below the last section, the whole width: the usual shape of a hall.
    const below = Math.max(0, ...sections.map((section) => wholeNumber(section.toRow) ?? 0));
    const fromRow = Math.min(below + 1, hall.rows);
    setSections((current) => [
      ...current,
      keyed({
        name: "",
        fromRow: String(fromRow),
        toRow: String(hall.rows),
        fromColumn: "1",
        toColumn: String(hall.columns),
      }),
    ]);
  };
  const changeSection = (key: number, field: SectionField | "name", value: string) => {
    setSections((current) =>
      current.map((section) => (section.key === key ? { ...section, [field]: value } : section)),
    );
  };

  const sectionLabels: Record<SectionField, string> = {
    fromRow: t("fromRow"),
    toRow: t("toRow"),
    fromColumn: t("fromColumn"),
    toColumn: t("toColumn"),
  };

  return (
    <section aria-labelledby="hall-plan-heading" className="flex max-w-3xl flex-col gap-3">
      <h2 id="hall-plan-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <FormAlert message={alert} />
        {(["aisleAfterRows", "aisleAfterColumns"] as const).map((kind) => (
          <fieldset key={kind} className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-semibold text-slate-800">
              {t(kind === "aisleAfterRows" ? "rowAisles" : "columnAisles")}
            </legend>
            {aisles[kind].length === 0 ? (
              <p className="text-sm text-slate-500">{t("noAisles")}</p>
            ) : null}
            {aisles[kind].map((aisle, index) => {
              const id = `plan-${kind}-${aisle.key}`;
              const error = errors[`${kind}.${index}`];
              return (
                <div key={aisle.key} className="flex items-start gap-2">
                  <Field
                    id={id}
                    label={t(kind === "aisleAfterRows" ? "afterRow" : "afterColumn")}
                    error={error}
                    className="w-40"
                  >
                    <input
                      {...describedBy(id, error)}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={(kind === "aisleAfterRows" ? hall.rows : hall.columns) - 1}
                      value={aisle.after}
                      onChange={(event) => {
                        changeAisle(kind, aisle.key, event.target.value);
                      }}
                      className={inputClass}
                    />
                  </Field>
                  <button
                    type="button"
                    className={`${dangerButtonClass} mt-6`}
                    onClick={() => {
                      removeAisle(kind, aisle.key);
                    }}
                  >
                    {t(kind === "aisleAfterRows" ? "removeRowAisle" : "removeColumnAisle", {
                      number: index + 1,
                    })}
                  </button>
                </div>
              );
            })}
            {aisles[kind].length < hallPlanLimits.aisles ? (
              <button
                type="button"
                className={`${secondaryButtonClass} self-start`}
                onClick={() => {
                  addAisle(kind);
                }}
              >
                {t(kind === "aisleAfterRows" ? "addRowAisle" : "addColumnAisle")}
              </button>
            ) : null}
          </fieldset>
        ))}

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-semibold text-slate-800">{t("sections")}</legend>
          {sections.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noSections")}</p>
          ) : null}
          {sections.map((section, index) => {
            const at = `sections.${index}`;
            const nameId = `plan-section-${section.key}-name`;
            return (
              <fieldset
                key={section.key}
                data-testid="plan-section"
                className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3"
              >
                <legend className="px-1 text-sm font-medium text-slate-700">
                  {t("sectionNumber", { number: index + 1 })}
                </legend>
                <Field
                  id={nameId}
                  label={t("sectionName")}
                  hint={t("sectionNameHint")}
                  error={errors[`${at}.name`]}
                >
                  <input
                    {...describedBy(nameId, errors[`${at}.name`], true)}
                    value={section.name}
                    maxLength={hallPlanLimits.sectionName.max}
                    onChange={(event) => {
                      changeSection(section.key, "name", event.target.value);
                    }}
                    className={inputClass}
                  />
                </Field>
                <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                  {sectionFields.map((field) => {
                    const id = `plan-section-${section.key}-${field}`;
                    const error = errors[`${at}.${field}`];
                    return (
                      <Field key={field} id={id} label={sectionLabels[field]} error={error}>
                        <input
                          {...describedBy(id, error)}
                          type="number"
                          inputMode="numeric"
                          min={1}
                          max={field.endsWith("Row") ? hall.rows : hall.columns}
                          value={section[field]}
                          onChange={(event) => {
                            changeSection(section.key, field, event.target.value);
                          }}
                          className={inputClass}
                        />
                      </Field>
                    );
                  })}
                </div>
                <button
                  type="button"
                  className={`${dangerButtonClass} self-start`}
                  onClick={() => {
                    setSections((current) => current.filter((other) => other.key !== section.key));
                  }}
                >
                  {t("removeSection", { number: index + 1 })}
                </button>
              </fieldset>
            );
          })}
          {sections.length < hallPlanLimits.sections ? (
            <button
              type="button"
              className={`${secondaryButtonClass} self-start`}
              onClick={addSection}
            >
              {t("addSection")}
            </button>
          ) : null}
        </fieldset>

        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className={buttonClass}>
            {pending ? t("saving") : t("save")}
          </button>
          <p role="status" className="text-sm text-emerald-700">
            {note ?? ""}
          </p>
        </div>
      </form>
    </section>
  );
}
