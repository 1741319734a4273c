"use client";

import { useTranslations } from "next-intl";
import { hallPlanLimits } from "@/server/hall-plan/hall-plan";
import {
  dangerButtonClass,
  describedBy,
  Field,
  inputClass,
  secondaryButtonClass,
} from "../form/field";
import { sectionFields, type PlanDraft, type SectionField } from "./use-plan-draft";
import { useHydrated } from "../use-hydrated";

/**
 * The fields of a hall's aisles and sections, added and removed in place: the hall page's
 * editor and the new hall's form both show them. `errors` are by the plan's own paths
 * ("sections.0.name"), as usePlanDraft's `read` and the API name them.
 */
export function HallPlanFields({
  draft,
  hall,
  errors,
}: {
  draft: PlanDraft;
  hall: { rows: number; columns: number };
  errors: Record<string, string | undefined>;
}) {
  const hydrated = useHydrated();
  const t = useTranslations("hallPlan");
  const sectionLabels: Record<SectionField, string> = {
    fromRow: t("fromRow"),
    toRow: t("toRow"),
    fromColumn: t("fromColumn"),
    toColumn: t("toColumn"),
  };
  return (
    <>
      {(["aisleAfterRows", "aisleAfterColumns"] as const).map((kind) => (
        <fieldset key={kind} className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-semibold text-slate-800">
            {t(kind === "aisleAfterRows" ? "rowAisles" : "columnAisles")}
          </legend>
          {draft.aisles[kind].length === 0 ? (
            <p className="text-sm text-slate-500">{t("noAisles")}</p>
          ) : null}
          {draft.aisles[kind].map((aisle, index) => {
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
                      draft.changeAisle(kind, aisle.key, event.target.value);
                    }}
                    className={inputClass}
                  />
                </Field>
                <button
                  type="button"
                  disabled={!hydrated}
                  className={`${dangerButtonClass} mt-6`}
                  onClick={() => {
                    draft.removeAisle(kind, aisle.key);
                  }}
                >
                  {t(kind === "aisleAfterRows" ? "removeRowAisle" : "removeColumnAisle", {
                    number: index + 1,
                  })}
                </button>
              </div>
            );
          })}
          {draft.aisles[kind].length < hallPlanLimits.aisles ? (
            <button
              type="button"
              disabled={!hydrated}
              className={`${secondaryButtonClass} self-start`}
              onClick={() => {
                draft.addAisle(kind);
              }}
            >
              {t(kind === "aisleAfterRows" ? "addRowAisle" : "addColumnAisle")}
            </button>
          ) : null}
        </fieldset>
      ))}

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-semibold text-slate-800">{t("sections")}</legend>
        {draft.sections.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noSections")}</p>
        ) : null}
        {draft.sections.map((section, index) => {
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
                    draft.changeSection(section.key, "name", event.target.value);
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
                          draft.changeSection(section.key, field, event.target.value);
                        }}
                        className={inputClass}
                      />
                    </Field>
                  );
                })}
              </div>
              <button
                type="button"
                disabled={!hydrated}
                className={`${dangerButtonClass} self-start`}
                onClick={() => {
                  draft.removeSection(section.key);
                }}
              >
                {t("removeSection", { number: index + 1 })}
              </button>
            </fieldset>
          );
        })}
        {draft.sections.length < hallPlanLimits.sections ? (
          <button
            type="button"
            disabled={!hydrated}
            className={`${secondaryButtonClass} self-start`}
            onClick={() => {
              draft.addSection(hall);
            }}
          >
            {t("addSection")}
          </button>
        ) : null}
      </fieldset>
    </>
  );
}
