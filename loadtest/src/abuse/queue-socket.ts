import { io, type Socket } from "socket.io-client";
import type { AbuseContext } from "./attack";
import { loopbackAddress, outcomeOf, send } from "./http";

/**
 * A ticket for the queue socket of a performance (by default the sale's), as the
 * waiting-room page asks for one; `pow` when that performance's line wants one.
 */
export async function queueTicket(
  { webUrl, sale }: AbuseContext,
  cookie: string,
  from: string,
  { performanceId = sale.performanceId, pow }: { performanceId?: string; pow?: unknown } = {},
): Promise<{ outcome: string; ticket?: string }> {
  const answer = await send(webUrl, {
    method: "POST",
    path: "/api/queue/ticket",
    from,
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ performanceId, pow }),
  });
  if (answer.status !== 200) return { outcome: outcomeOf(answer) };
  const { data } = JSON.parse(answer.body) as { data: { ticket: string } };
  return { outcome: "200", ticket: data.ticket };
}

interface Handshake {
  socket?: Socket;
  /** The connect_error's code, when refused. */
  refused?: string;
}

/** Opens the socket as the browser does (WebSocket, the ticket as auth) from `from`. */
export function connect(url: string, ticket: string, from: string): Promise<Handshake> {
  const socket = io(url, {
    auth: { ticket },
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    timeout: 10_000,
    // Passed on to the WebSocket: the TCP source address.
    ...({ localAddress: from } as object),
  });
  return new Promise((resolve) => {
    socket.once("connect", () => {
      resolve({ socket });
    });
    socket.once("connect_error", (error: Error & { data?: { code?: unknown } }) => {
      socket.disconnect();
      const code = typeof error.data?.code === "string" ? error.data.code : error.message;
      resolve({ refused: code });
    });
  });
}

export async function join(socket: Socket, performanceId: string): Promise<string> {
  const ack = (await socket.timeout(10_000).emitWithAck("queue:join", { performanceId })) as {
    data?: { status: string };
    error?: { code: string };
  };
  return ack.error ? ack.error.code : `joined (${ack.data?.status ?? "?"})`;
}

/** A buyer admitted through the line, with the working token the booking APIs want. */
export async function admittedBuyer(context: AbuseContext): Promise<{
  cookie: string;
  workingToken: string;
}> {
  const { cookie } = await context.newBuyer();
  const from = loopbackAddress();
  const { ticket } = await queueTicket(context, cookie, from);
  if (!ticket) throw new Error("no queue ticket");
  const { socket, refused } = await connect(context.queueUrl, ticket, from);
  if (!socket) throw new Error(`queue socket refused: ${refused}`);
  try {
    const joined = await join(socket, context.sale.performanceId);
    if (joined !== "joined (admitted)") throw new Error(`not admitted at once: ${joined}`);
    const claim = (await socket
      .timeout(10_000)
      .emitWithAck("queue:claim", { performanceId: context.sale.performanceId })) as {
      data?: { token: string };
      error?: { code: string };
    };
    if (!claim.data) throw new Error(`claim refused: ${claim.error?.code}`);
    return { cookie, workingToken: claim.data.token };
  } finally {
    socket.disconnect();
  }
}
