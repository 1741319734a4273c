import { useTranslations } from "next-intl";
import { countdownParts } from "./use-countdown";

type CountdownTranslator = (
  key: "clockWithDays" | "days" | "hours" | "minutes" | "underMinute",
  values?: Record<string, string | number>,
) => string;

/** The digits people see ("1d 02:03:04") and the words a screen reader says. */
export function countdownText(
  remainingMs: number,
  t: CountdownTranslator,
): { digits: string; words: string } {
  const { days, hours, minutes, clock } = countdownParts(remainingMs);
  const units = [
    [days, "days"],
    [hours, "hours"],
    [minutes, "minutes"],
  ] as const;
  const words = units
    .filter(([count]) => count > 0)
    .map(([count, unit]) => t(unit, { count }))
    .join(" ");
  return {
    digits: days > 0 ? t("clockWithDays", { days, clock }) : clock,
    words: words || t("underMinute"),
  };
}

/**
 * A countdown's clock. role=timer is not announced every second, so the label gives the
 * words a screen reader says when asked.
 */
export function CountdownTimer({
  remainingMs,
  className,
}: {
  remainingMs: number;
  /** Width and weight; the digits are always monospaced and tabular so they never jump. */
  className: string;
}) {
  const t = useTranslations("countdown");
  const { digits, words } = countdownText(remainingMs, t);
  return (
    <span
      role="timer"
      aria-label={words}
      className={`inline-block font-mono tabular-nums ${className}`}
    >
      {digits}
    </span>
  );
}
