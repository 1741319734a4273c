import type { Subscription } from "@ticketping/common/kafka";
import { withLogContext } from "@ticketping/common/logger";
import { workerMetrics } from "./metrics";

/**
 * Every handler runs with the event's id on its log lines, and is counted and timed per
 * topic. Retries are the consumer's: each failed attempt counts as failed here.
 */
export function observeSubscriptions(subscriptions: readonly Subscription[]): Subscription[] {
  return subscriptions.map(({ definition, handle }) => ({
    definition,
    handle: (event, context) =>
      withLogContext({ eventId: event.id, eventType: event.type }, async () => {
        const stopTimer = workerMetrics.eventDuration.startTimer({ topic: context.topic });
        try {
          await handle(event, context);
          workerMetrics.eventsHandled.inc({ topic: context.topic, result: "ok" });
        } catch (error) {
          workerMetrics.eventsHandled.inc({ topic: context.topic, result: "failed" });
          throw error;
        } finally {
          stopTimer();
        }
      }),
  }));
}
