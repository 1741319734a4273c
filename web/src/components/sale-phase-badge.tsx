import type { PublicSalePhase } from "@/server/performances/sale-phase";

const styles: Record<PublicSalePhase, { label: string; className: string }> = {
  "on-sale": { label: "On sale", className: "bg-emerald-100 text-emerald-800" },
  upcoming: { label: "Opening soon", className: "bg-amber-100 text-amber-800" },
  "sold-out": { label: "Sold out", className: "bg-slate-200 text-slate-700" },
  closed: { label: "Sale closed", className: "bg-slate-200 text-slate-700" },
};

export function SalePhaseBadge({ phase }: { phase: PublicSalePhase }) {
  const { label, className } = styles[phase];
  return (
    <span
      className={`inline-flex w-fit rounded-full px-2.5 py-0.5 text-xs font-semibold ${className}`}
    >
      {label}
    </span>
  );
}
