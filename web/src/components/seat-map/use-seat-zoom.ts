"use client";

import { useEffect, useState, type RefObject } from "react";

/**
 * Seat sizes in rem, from "fit the screen" (null: seats shrink to at most 0.875rem, as
 * small as a laptop needs) to sizes a finger hits on a phone (1.75rem = 28 px and up).
 */
export const zoomSizes = [null, 1.75, 2.5] as const;

const lastLevel = zoomSizes.length - 1;
const stepped = (level: number, by: number) => Math.min(lastLevel, Math.max(0, level + by));

/** Two fingers that spread (or pinch) by this factor step the zoom once. */
const PINCH_STEP = 1.25;

/**
 * The seat map's zoom and what lies off-screen. Zoom steps through `zoomSizes` by the
 * buttons, a two-finger pinch, or ctrl + wheel (how a trackpad pinches); the scroller pans
 * natively. `more` says on which sides seats are scrolled out of view, so the map can say so.
 */
export function useSeatZoom(scroller: RefObject<HTMLDivElement | null>) {
  const [level, setLevel] = useState(0);
  const [more, setMore] = useState({ left: false, right: false });
  const zoomBy = (by: number) => {
    setLevel((current) => stepped(current, by));
  };
  const zoomTo = (to: number) => {
    setLevel(stepped(to, 0));
  };
  /** At least `to`, so a buyer's own closer zoom is kept. */
  const zoomAtLeast = (to: number) => {
    setLevel((current) => Math.max(current, stepped(to, 0)));
  };

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => {
      // A pixel of slack: zoomed layouts round to fractions of a pixel.
      const left = element.scrollLeft > 1;
      const right = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setMore((shown) => (shown.left === left && shown.right === right ? shown : { left, right }));
    };
    const step = (by: number) => {
      setLevel((current) => stepped(current, by));
    };
    // Observing measures at once, and again whenever the zoom resizes the grid.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener("scroll", measure, { passive: true });

    // React's wheel listener is passive and could not keep the page from zooming.
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      step(event.deltaY < 0 ? 1 : -1);
    };
    element.addEventListener("wheel", onWheel, { passive: false });

    const pointers = new Map<number, { x: number; y: number }>();
    let baseline: number | null = null;
    const spread = () => {
      const [a, b] = [...pointers.values()];
      return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : null;
    };
    const onDown = (event: PointerEvent) => {
      if (event.pointerType !== "touch") return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      baseline = spread();
    };
    const onMove = (event: PointerEvent) => {
      if (!pointers.has(event.pointerId)) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      const now = spread();
      if (baseline === null || now === null) return;
      if (now / baseline >= PINCH_STEP || baseline / now >= PINCH_STEP) {
        step(now > baseline ? 1 : -1);
        baseline = now;
      }
    };
    const onUp = (event: PointerEvent) => {
      pointers.delete(event.pointerId);
      baseline = spread();
    };
    element.addEventListener("pointerdown", onDown);
    element.addEventListener("pointermove", onMove);
    element.addEventListener("pointerup", onUp);
    element.addEventListener("pointercancel", onUp);
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", measure);
      element.removeEventListener("wheel", onWheel);
      element.removeEventListener("pointerdown", onDown);
      element.removeEventListener("pointermove", onMove);
      element.removeEventListener("pointerup", onUp);
      element.removeEventListener("pointercancel", onUp);
    };
  }, [scroller]);

  return {
    seatRem: zoomSizes[level] ?? null,
    canZoomIn: level < lastLevel,
    canZoomOut: level > 0,
    zoomBy,
    zoomTo,
    zoomAtLeast,
    more,
  };
}
