import type { WorkingTokenGrant } from "@ticketping/common/queue";
import { QueueConnection } from "../clients/queue-connection";
import { StepError } from "../clients/step-error";
import type { BuyerCredentials, WebApi } from "../clients/web-api";

const ACK_TIMEOUT_MS = 10_000;
const ADMISSION_TIMEOUT_MS = 30_000;

/**
 * Takes a buyer through the waiting room as the page does (ticket, socket, join, wait for
 * the admission, claim) and answers the working token. The socket stays open until
 * `close`, so the buyer keeps its slot for the whole benchmark.
 */
export async function admitBuyer({
  web,
  queueUrl,
  buyer,
  performanceId,
}: {
  web: WebApi;
  queueUrl: string;
  buyer: BuyerCredentials;
  performanceId: string;
}): Promise<{ grant: WorkingTokenGrant; close: () => void }> {
  const { ticket } = await web.queueTicket(buyer, performanceId);
  let admitted: () => void = () => undefined;
  const admission = new Promise<void>((resolve) => {
    admitted = resolve;
  });
  const connection = await QueueConnection.open({
    url: queueUrl,
    auth: { ticket },
    listeners: {
      admitted: () => {
        admitted();
      },
    },
    ackTimeoutMs: ACK_TIMEOUT_MS,
  });
  try {
    const standing = await connection.join(performanceId);
    if (standing.status !== "admitted" && standing.status !== "active") {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        admission,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            reject(new StepError("TIMEOUT", "the buyer was never admitted"));
          }, ADMISSION_TIMEOUT_MS);
        }),
      ]).finally(() => {
        clearTimeout(timer);
      });
    }
    const grant = await connection.claim(performanceId);
    return {
      grant,
      close: () => {
        connection.close();
      },
    };
  } catch (error) {
    connection.close();
    throw error;
  }
}
