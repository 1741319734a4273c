import { useTranslations } from "next-intl";
import type { PublicSalePhase } from "@/server/performances/sale-phase";

const styles: Record<PublicSalePhase, string> = {
  "on-sale": "bg-emerald-100 text-emerald-800",
  upcoming: "bg-amber-100 text-amber-800",
  "sold-out": "bg-slate-200 text-slate-700",
  cancelled: "bg-rose-100 text-rose-800",
  closed: "bg-slate-200 text-slate-700",
};

export function SalePhaseBadge({ phase }: { phase: PublicSalePhase }) {
  const t = useTranslations("salePhase");
  const className = styles[phase];
  const label = t(phase);
  return (
    <span
      className={`inline-flex w-fit rounded-full px-2.5 py-0.5 text-xs font-semibold ${className}`}
    >
      {label}
    </span>
  );
}
