import type { SeatState } from "./seat-labels";

/**
 * How each state looks. Held and sold differ from a free seat by more than colour (a
 * hatch and a bar, a cross), so the map reads in greyscale and to colour-blind buyers.
 */
const stateClasses: Record<SeatState, string> = {
  available: "text-white",
  selected: "text-white ring-2 ring-offset-1 ring-slate-900",
  yours: "text-white ring-2 ring-offset-1 ring-emerald-600",
  held: "!bg-slate-300 bg-[repeating-linear-gradient(135deg,transparent_0_3px,rgb(71_85_105/0.55)_3px_5px)] text-slate-900",
  sold: "!bg-slate-500 text-white",
};

const stateGlyph: Record<SeatState, string> = {
  available: "",
  selected: "✓",
  yours: "✓",
  held: "–",
  sold: "×",
};

/**
 * One seat as drawn: on the map inside its button, and in the legend, so the legend
 * shows exactly what the map does. It fills its box (the caller sizes it); `colour` is the
 * seat's grade, which held and sold replace.
 */
export function SeatFace({ state, colour }: { state: SeatState; colour: string | undefined }) {
  return (
    <span
      aria-hidden="true"
      data-seat-face={state}
      className={`flex size-full items-center justify-center rounded-t-md rounded-b-sm font-bold ${stateClasses[state]}`}
      style={{ backgroundColor: colour }}
    >
      {stateGlyph[state]}
    </span>
  );
}
