"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { HallPlan } from "@/server/hall-plan/hall-plan";
import { apiRequest } from "../api-client";
import { buttonClass, FormAlert } from "../form/field";
import { useSubmit } from "../form/use-submit";
import { HallPlanFields } from "./hall-plan-fields";
import { usePlanDraft } from "./use-plan-draft";

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
  const draft = usePlanDraft(plan);

  const { pending, ready, errors, alert, note, onSubmit } = useSubmit(async () => {
    const read = draft.read(hall);
    if (Object.keys(read.errors).length > 0) {
      return { alert: t("fixProblems"), errors: read.errors };
    }
    await apiRequest(`/api/admin/halls/${hall.id}/plan`, { method: "PUT", body: read.plan });
    router.refresh();
    return { note: t("saved") };
  });

  return (
    <section aria-labelledby="hall-plan-heading" className="flex max-w-3xl flex-col gap-3">
      <h2 id="hall-plan-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <FormAlert message={alert} />
        <HallPlanFields draft={draft} hall={hall} errors={errors} />
        <div className="flex items-center gap-3">
          <button type="submit" disabled={!ready || pending} className={buttonClass}>
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
