// The ticket renderer's thread (see ticket-renderer.ts). Bundled as its own entry point
// (dist/render-thread.js) next to dist/main.js; from source it runs through tsx.
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { createTicketSigner } from "@ticketping/common/tickets";
import { reservationTicketsPdf, ticketQrPngs } from "@ticketping/common/tickets/print";
import type { RenderReply, RenderRequest, RenderThreadData } from "./ticket-renderer";

const port = parentPort;
if (!port) throw new Error("render-thread.ts runs only as a worker thread");
const { signingKey, niceness } = workerData as RenderThreadData;
const signer = createTicketSigner(signingKey);

// Nice values are per thread on Linux: pid 0 is this thread alone, so the payment consumer
// on the main thread keeps its priority while the kernel gives this one what is left.
let reniced = false;
try {
  setPriority(0, niceness);
  reniced = true;
} catch {
  // A platform without per-thread priorities still renders, only not in the background.
}

port.on("message", (request: RenderRequest) => {
  void render(request).then((reply) => {
    port.postMessage(reply);
  });
});
port.postMessage({ ready: true, reniced } satisfies RenderReply);

async function render({ id, reservation }: RenderRequest): Promise<RenderReply> {
  try {
    const [pdf, images] = await Promise.all([
      reservationTicketsPdf(reservation, signer),
      ticketQrPngs(reservation, signer),
    ]);
    return { id, pdf, images };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}
