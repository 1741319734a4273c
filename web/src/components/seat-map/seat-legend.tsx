import { useLocale, useTranslations } from "next-intl";
import type { LayoutGrade } from "@/server/seat-map/types";
import { formatMoney } from "../format";
import { SeatFace } from "./seat-face";
import type { SeatState } from "./seat-labels";

const states = ["selected", "yours", "held", "sold"] as const satisfies SeatState[];

/**
 * Grades with their colours and prices, and what the seat states look like, each drawn
 * by the map's own SeatFace so the legend cannot drift from the map.
 */
export function SeatLegend({ grades }: { grades: LayoutGrade[] }) {
  const t = useTranslations("booking");
  const locale = useLocale();
  const sample = grades[0]?.colour;
  return (
    <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
      <ul aria-label={t("prices")} className="flex flex-wrap gap-x-4 gap-y-2">
        {grades.map((grade) => (
          <li key={grade.id} className="flex items-center gap-2">
            <Swatch state="available" colour={grade.colour} />
            <span className="font-medium">{grade.name}</span>
            <span className="text-slate-600">
              {formatMoney(grade.priceMinor, grade.currency, locale)}
            </span>
          </li>
        ))}
      </ul>
      <ul aria-label={t("seatStates")} className="flex flex-wrap gap-x-4 gap-y-2 text-slate-600">
        {states.map((state) => (
          <li key={state} className="flex items-center gap-2">
            <Swatch state={state} colour={sample} />
            {t(`legend_${state}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Swatch({ state, colour }: { state: SeatState; colour: string | undefined }) {
  return (
    <span data-legend-state={state} className="inline-block size-5 text-[0.65rem]">
      <SeatFace state={state} colour={colour} />
    </span>
  );
}
