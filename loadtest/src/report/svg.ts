/** Just enough SVG to draw the report's charts without a charting dependency. */

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

const n = (value: number) => (Math.round(value * 10) / 10).toString();

export function text(
  x: number,
  y: number,
  content: string,
  { size = 12, anchor = "start", weight = "normal", fill = "#1f2933" } = {},
): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${size}" text-anchor="${anchor}" font-weight="${weight}" fill="${fill}">${escapeXml(content)}</text>`;
}

export function rect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, width))}" height="${n(Math.max(0, height))}" fill="${fill}"/>`;
}

export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  { stroke = "#cbd2d9", width = 1, dash = "" } = {},
): string {
  const dashed = dash ? ` stroke-dasharray="${dash}"` : "";
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${width}"${dashed}/>`;
}

export function polyline(
  points: readonly [number, number][],
  { stroke, width = 1.5 }: { stroke: string; width?: number },
): string {
  if (points.length === 0) return "";
  const path = points.map(([x, y]) => `${n(x)},${n(y)}`).join(" ");
  return `<polyline points="${path}" fill="none" stroke="${stroke}" stroke-width="${width}" stroke-linejoin="round"/>`;
}

export function dot(x: number, y: number, fill: string, radius = 2.5): string {
  return `<circle cx="${n(x)}" cy="${n(y)}" r="${radius}" fill="${fill}"/>`;
}

/** Maps [1, 10^decades] ms onto [0, length] logarithmically; below 1 ms sits at 0. */
export function logScale(maxMs: number, length: number) {
  const decades = Math.max(1, Math.ceil(Math.log10(Math.max(10, maxMs))));
  return {
    decades,
    at: (ms: number) => (Math.log10(Math.max(1, ms)) / decades) * length,
  };
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(0)} s`;
  if (ms >= 1_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    rect(0, 0, width, height, "#ffffff"),
    ...body,
    "</svg>",
    "",
  ].join("\n");
}
