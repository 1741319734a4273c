import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from "prom-client";

export { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Next.js can evaluate one module several times in a process (a copy per bundle layer);
// a second registry would serve half the series, so the process keeps one on globalThis.
const registryKey = Symbol.for("ticketping.metrics-registry");
const globalStore = globalThis as unknown as Record<symbol, Registry | undefined>;

/** The process's registry, with Node's default metrics (CPU, memory, event loop, GC). */
export function processRegistry(): Registry {
  let registry = globalStore[registryKey];
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
    globalStore[registryKey] = registry;
  }
  return registry;
}

/**
 * Get-or-create: defining a metric twice in one registry throws in prom-client, and a
 * module evaluated twice (Next.js, tests starting a service again) defines it twice.
 * The found metric is cast, not checked with instanceof: a bundler may load prom-client
 * twice, and the registry only relies on the metric's shape.
 */
export function counter<Label extends string = never>(
  registry: Registry,
  config: Omit<CounterConfiguration<Label>, "registers">,
): Counter<Label> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- see above
  const found = registry.getSingleMetric(config.name) as Counter<Label> | undefined;
  return found ?? new Counter({ ...config, registers: [registry] });
}

export function gauge<Label extends string = never>(
  registry: Registry,
  config: Omit<GaugeConfiguration<Label>, "registers">,
): Gauge<Label> {
  const found = registry.getSingleMetric(config.name) as Gauge<Label> | undefined;
  return found ?? new Gauge({ ...config, registers: [registry] });
}

export function histogram<Label extends string = never>(
  registry: Registry,
  config: Omit<HistogramConfiguration<Label>, "registers">,
): Histogram<Label> {
  const found = registry.getSingleMetric(config.name) as Histogram<Label> | undefined;
  return found ?? new Histogram({ ...config, registers: [registry] });
}
