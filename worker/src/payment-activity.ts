import type { Subscription } from "@ticketping/common/kafka";

export interface PaymentActivity {
  /** The same handlers, each counted while it runs. */
  track: (subscriptions: readonly Subscription[]) => Subscription[];
  /** A handler is running, or one finished less than `quietMs` ago. */
  isBusy: () => boolean;
}

/**
 * Whether the payment consumer is working right now: the mail sender asks before each batch
 * and waits a little while it is, so its database round trips and SMTP traffic fall in the
 * consumer's pauses instead of between a payment and its confirmation.
 */
export function createPaymentActivity({
  quietMs = 250,
}: { quietMs?: number } = {}): PaymentActivity {
  let running = 0;
  let lastFinished = 0;
  return {
    track: (subscriptions) =>
      subscriptions.map(({ definition, handle }) => ({
        definition,
        handle: async (event, context) => {
          running++;
          try {
            await handle(event, context);
          } finally {
            running--;
            lastFinished = Date.now();
          }
        },
      })),
    isBusy: () => running > 0 || Date.now() - lastFinished < quietMs,
  };
}

/**
 * Waits while `isBusy` says so, at most `maxMs` (or until `stopping`): mail work steps
 * aside for the payment consumer, yet still moves during a long rush.
 */
export async function giveWay({
  isBusy,
  maxMs,
  stopping = () => false,
}: {
  isBusy: () => boolean;
  maxMs: number;
  stopping?: () => boolean;
}): Promise<void> {
  const until = Date.now() + maxMs;
  while (!stopping() && isBusy() && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
