import { useTranslations } from "next-intl";
import { chartTicks } from "./chart-ticks";

export interface ChartSeries {
  label: string;
  colour: string;
  values: (number | null)[];
}

const WIDTH = 600;
const HEIGHT = 180;
const PAD = { top: 10, right: 10, bottom: 20, left: 44 };

/**
 * A small SVG line chart of the last samples, oldest left. Drawn in a fixed viewBox that
 * scales with its container, so new samples never change the page's layout. A gap (null)
 * breaks the line rather than inventing a value.
 */
export function LineChart({
  title,
  series,
  sampleCount,
  intervalSeconds,
}: {
  title: string;
  series: ChartSeries[];
  sampleCount: number;
  intervalSeconds: number;
}) {
  const t = useTranslations("organizer.chart");
  const minutes = Math.round((sampleCount * intervalSeconds) / 60);
  const drawn = series.flatMap((line) => line.values.filter((v): v is number => v !== null));
  const { max, ticks } = chartTicks(Math.max(0, ...drawn));
  const points = Math.max(0, ...series.map((line) => line.values.filter((v) => v !== null).length));
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (index / Math.max(1, sampleCount - 1)) * innerWidth;
  const y = (value: number) => PAD.top + innerHeight - (value / max) * innerHeight;

  function path(values: (number | null)[]): string {
    // Right-aligned: the newest sample is always at the right edge.
    const offset = sampleCount - values.length;
    let d = "";
    let drawing = false;
    values.forEach((value, index) => {
      if (value === null) {
        drawing = false;
        return;
      }
      d += `${drawing ? "L" : "M"}${x(index + offset).toFixed(1)},${y(value).toFixed(1)}`;
      drawing = true;
    });
    return d;
  }

  const latest = series
    .map((line) => `${line.label} ${line.values.at(-1) ?? t("unknown")}`)
    .join(", ");
  return (
    <figure className="flex flex-col gap-2" data-testid="live-chart" data-points={points}>
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full rounded-lg border border-slate-200 bg-white"
        role="img"
        aria-label={t("label", { title, minutes, latest })}
      >
        {ticks.map((value) => {
          return (
            <g key={value}>
              <line
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={y(value)}
                y2={y(value)}
                stroke="#e2e8f0"
                strokeDasharray={value === 0 ? undefined : "4 4"}
              />
              <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end" fontSize="11" fill="#64748b">
                {value.toLocaleString("en-GB")}
              </text>
            </g>
          );
        })}
        <text x={PAD.left} y={HEIGHT - 4} fontSize="11" fill="#64748b">
          {t("ago", { minutes })}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 4} fontSize="11" fill="#64748b" textAnchor="end">
          {t("now")}
        </text>
        {series.map((line) => (
          <path
            key={line.label}
            d={path(line.values)}
            fill="none"
            stroke={line.colour}
            strokeWidth="2.5"
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        ))}
      </svg>
      <ul className="flex flex-wrap gap-4 text-xs">
        {series.map((line) => (
          <li key={line.label} className="flex items-center gap-1.5">
            <span aria-hidden className="h-0.5 w-4" style={{ backgroundColor: line.colour }} />
            {line.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
