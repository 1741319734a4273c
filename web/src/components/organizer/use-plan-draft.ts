"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { findPlanProblems } from "@/server/hall-plan/find-plan-problems";
import type { HallPlan } from "@/server/hall-plan/hall-plan";

export const sectionFields = ["fromRow", "toRow", "fromColumn", "toColumn"] as const;
export type SectionField = (typeof sectionFields)[number];
export type SectionDraft = { key: number; name: string } & Record<SectionField, string>;
export type AisleDraft = { key: number; after: string };
export type AisleKind = "aisleAfterRows" | "aisleAfterColumns";

let nextKey = 0;
const keyed = <T>(value: T) => ({ ...value, key: (nextKey += 1) });

/** A typed number, if it is a whole number from 1. */
const wholeNumber = (value: string) => {
  const number = Number(value.trim());
  return value.trim() !== "" && Number.isInteger(number) && number >= 1 ? number : null;
};

/**
 * A hall's aisles and sections as the organizer types them (text, in the order added), and
 * the plan they make. `read` checks it with the API's own rules first, so every problem is
 * said in words beside its field (paths as the API names them) before anything is sent.
 */
export function usePlanDraft(plan: HallPlan) {
  const t = useTranslations("hallPlan");
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

  /** The plan, and the problems by path; the hall's size is compared only when known. */
  const read = (hall?: { rows: number; columns: number }) => {
    const errors: Record<string, string> = {};
    const number = (path: string, value: string) => {
      const parsed = wholeNumber(value);
      if (parsed === null) errors[path] = t("wholeNumber");
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
    for (const problem of findPlanProblems(draft, hall)) {
      errors[problem.path] ??= t(`problem_${problem.code}`, problem.values);
    }
    return { plan: draft, errors };
  };

  const isEmpty =
    aisles.aisleAfterRows.length === 0 &&
    aisles.aisleAfterColumns.length === 0 &&
    sections.length === 0;

  return {
    aisles,
    sections,
    isEmpty,
    read,
    addAisle: (kind: AisleKind) => {
      setAisles((current) => ({ ...current, [kind]: [...current[kind], keyed({ after: "" })] }));
    },
    removeAisle: (kind: AisleKind, key: number) => {
      setAisles((current) => ({
        ...current,
        [kind]: current[kind].filter((aisle) => aisle.key !== key),
      }));
    },
    changeAisle: (kind: AisleKind, key: number, after: string) => {
      setAisles((current) => ({
        ...current,
        [kind]: current[kind].map((aisle) => (aisle.key === key ? { ...aisle, after } : aisle)),
      }));
    },
    /** The next rows below the last section, the whole width: the usual shape of a hall. */
    addSection: (hall: { rows: number; columns: number }) => {
      setSections((current) => {
        const below = Math.max(0, ...current.map((section) => wholeNumber(section.toRow) ?? 0));
        const fromRow = Math.min(below + 1, hall.rows);
        return [
          ...current,
          keyed({
            name: "",
            fromRow: String(fromRow),
            toRow: String(hall.rows),
            fromColumn: "1",
            toColumn: String(hall.columns),
          }),
        ];
      });
    },
    changeSection: (key: number, field: SectionField | "name", value: string) => {
      setSections((current) =>
        current.map((section) => (section.key === key ? { ...section, [field]: value } : section)),
      );
    },
    removeSection: (key: number) => {
      setSections((current) => current.filter((section) => section.key !== key));
    },
  };
}

export type PlanDraft = ReturnType<typeof usePlanDraft>;
