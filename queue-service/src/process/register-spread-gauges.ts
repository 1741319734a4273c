import { gauge, type Registry } from "@ticketping/common/metrics";
import type { IntakeBalance } from "./balance-intake";

/**
 * Every process's connection count on every process's /metrics (whichever one a scrape
 * reaches), and whether the answering process takes connections now.
 */
export function registerSpreadGauges(registry: Registry, balance: IntakeBalance): void {
  gauge(registry, {
    name: "ticketping_queue_process_connections",
    help: "Open connections on the public port per queue process (worker id), as reported to the primary",
    labelNames: ["process"],
    collect() {
      this.reset();
      for (const [process, count] of balance.counts()) this.set({ process }, count);
    },
  });
  gauge(registry, {
    name: "ticketping_queue_intake_open",
    help: "1 while this process accepts connections from the shared socket, 0 while it holds more than its share",
    collect() {
      this.set(Number(balance.accepting()));
    },
  });
}
