export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const sampleLine = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPair = /([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g;

/** Prometheus text exposition (what /metrics answers) as samples; for tests and checks. */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = sampleLine.exec(line);
    if (!match?.[1] || match[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(labelPair)) {
      if (key !== undefined && value !== undefined) {
        labels[key] = value.replace(/\\(.)/g, (_, escaped: string) =>
          escaped === "n" ? "\n" : escaped,
        );
      }
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/**
 * The sum of the samples of `name` whose labels include `labels` (0 when none): e.g. a
 * counter across all its series, or one series picked by its labels.
 */
export function sumSamples(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples
    .filter(
      (sample) =>
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((total, sample) => total + sample.value, 0);
}

/** Metric family names a scrape shows (histogram and summary parts folded into their family). */
export function familyNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const declared = /^# TYPE (\S+) /.exec(line);
    if (declared?.[1]) names.add(declared[1]);
  }
  for (const sample of parseExposition(text)) names.add(sample.name);
  return names;
}
