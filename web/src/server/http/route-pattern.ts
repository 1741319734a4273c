type Params = Record<string, string | string[] | undefined>;

/**
 * The route's pattern (/api/holds/[reservationId]) from a request's path and the params
 * Next.js matched, so metrics get one series per route instead of one per id. Each
 * param's value is replaced from the right, where dynamic segments sit.
 */
export function routePattern(pathname: string, params: Params | undefined): string {
  if (!params) return pathname;
  const segments = pathname.split("/");
  const replaced = new Set<number>();
  const find = (value: string, before: number) => {
    for (let index = before - 1; index > 0; index--) {
      if (replaced.has(index)) continue;
      const segment = segments[index] ?? "";
      if (segment === value || safeDecode(segment) === value) return index;
    }
    return -1;
  };
  for (const [name, value] of Object.entries(params).reverse()) {
    if (value === undefined) continue;
    if (typeof value === "string") {
      const index = find(value, segments.length);
      if (index < 0) continue;
      segments[index] = `[${name}]`;
      replaced.add(index);
      continue;
    }
    // A catch-all: its values are consecutive segments; the pattern keeps one.
    const last = value.at(-1);
    const end = last === undefined ? -1 : find(last, segments.length);
    if (end < 0) continue;
    const start = end - value.length + 1;
    segments.splice(start, value.length, `[...${name}]`);
  }
  return segments.join("/");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
