/**
 * The seat an event on a plan's grid came from, as its index in the plan (every seat's
 * button carries `data-seat-index`). The grid listens once for its seats' clicks, keys and
 * focus rather than every seat on its own: fewer listeners and props to set up for a hall
 * of hundreds of seats.
 */
export function seatIndexOf(target: EventTarget | null): number | undefined {
  const button =
    target instanceof Element ? target.closest<HTMLElement>("[data-seat-index]") : null;
  const index = Number(button?.dataset.seatIndex);
  return button && Number.isInteger(index) ? index : undefined;
}
