import { useTranslations } from "next-intl";
import type { PowProgress } from "./fetch-pow-solution";

export type PowCheck =
  { kind: "idle" } | ({ kind: "checking" } & PowProgress) | { kind: "done" } | { kind: "failed" };

/**
 * The browser check, as people see and hear it: a status line announced once (not each
 * percent) and a progress bar. The search ends somewhere between half and all of the
 * counters, so the bar may finish early: the status line says when it is done.
 */
export function PowStatus({ check, id }: { check: PowCheck; id: string }) {
  const t = useTranslations("pow");
  const text =
    check.kind === "checking"
      ? t("checking")
      : check.kind === "done"
        ? t("done")
        : check.kind === "failed"
          ? t("failed")
          : "";
  return (
    <div
      className="flex min-h-6 items-center gap-3 text-sm"
      data-testid="pow-status"
      data-state={check.kind}
    >
      <p
        id={id}
        role="status"
        className={check.kind === "failed" ? "text-red-700" : "text-slate-600"}
      >
        {text}
      </p>
      {check.kind === "checking" ? (
        <progress
          aria-labelledby={id}
          className="h-2 w-20 accent-brand-600 sm:w-32"
          max={check.complexity}
          value={Math.min(check.tried, check.complexity)}
        />
      ) : null}
    </div>
  );
}
