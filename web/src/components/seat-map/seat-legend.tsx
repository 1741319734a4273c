import type { LayoutGrade } from "@/server/seat-map/types";
import { formatMoney } from "../format";

/** Grades with their colours and prices, and what the seat states look like. */
export function SeatLegend({ grades }: { grades: LayoutGrade[] }) {
  return (
    <div className="flex flex-wrap gap-x-6 gap-y-3 text-sm">
      <ul aria-label="Prices" className="flex flex-wrap gap-x-4 gap-y-2">
        {grades.map((grade) => (
          <li key={grade.id} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block size-4 rounded-t-md rounded-b-sm"
              style={{ backgroundColor: grade.colour }}
            />
            <span className="font-medium">{grade.name}</span>
            <span className="text-slate-600">{formatMoney(grade.priceMinor, grade.currency)}</span>
          </li>
        ))}
      </ul>
      <ul aria-label="Seat states" className="flex flex-wrap gap-x-4 gap-y-2 text-slate-600">
        <li className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className="inline-block size-4 rounded-sm bg-slate-400 ring-2 ring-slate-900 ring-offset-1"
          />
          Selected
        </li>
        <li className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className="inline-block size-4 rounded-sm bg-slate-400 ring-2 ring-emerald-600 ring-offset-1"
          />
          Held by you
        </li>
        <li className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className="inline-block size-4 rounded-sm bg-slate-300 opacity-70"
          />
          Held
        </li>
        <li className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className="inline-block size-4 rounded-sm bg-slate-500 opacity-60"
          />
          Sold
        </li>
      </ul>
    </div>
  );
}
