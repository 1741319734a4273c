import { describeCountdown, formatCountdown } from "./use-countdown";

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
  return (
    <span
      role="timer"
      aria-label={describeCountdown(remainingMs)}
      className={`inline-block font-mono tabular-nums ${className}`}
    >
      {formatCountdown(remainingMs)}
    </span>
  );
}
