import type { Attack } from "../attack";
import { loopbackAddress, send, tally } from "../http";
import { solvedPow } from "../pow";
import { connect, join, queueTicket } from "../queue-socket";
import { seedSale } from "../../seed/seed-sale";

const MAX_SOCKETS_PER_BUYER = 5;
const TICKET_REQUESTS = 50;
const HANDSHAKE_FLOOD = 300;

/** A ticket opens one socket: a second handshake with it is refused. */
export const ticketReplay: Attack = async (context) => {
  const { cookie } = await context.newBuyer();
  const from = loopbackAddress();
  const { ticket } = await queueTicket(context, cookie, from);
  if (!ticket) throw new Error("no queue ticket for the replay attack");
  const first = await connect(context.queueUrl, ticket, from);
  first.socket?.disconnect();
  const replay = await connect(context.queueUrl, ticket, loopbackAddress());
  replay.socket?.disconnect();
  return [
    {
      attack: "a queue ticket replayed for a second socket",
      expected: "connect_error TICKET_ALREADY_USED",
      observed: `first: ${first.socket ? "connected" : first.refused}; replay: ${replay.socket ? "connected" : replay.refused}`,
      held: Boolean(first.socket) && replay.refused === "TICKET_ALREADY_USED",
    },
  ];
};

/**
 * One buyer asks for 50 tickets and opens a socket with each, joining one performance
 * from all of them: the tickets are rate-limited and at most five sockets stand in line.
 * The joins come in the per-user burst, then one more after the limiter refilled, which
 * the socket cap alone must refuse.
 */
export const socketsPerBuyer: Attack = async (context) => {
  const { cookie } = await context.newBuyer();
  const from = loopbackAddress();
  const tickets = [];
  for (let index = 0; index < TICKET_REQUESTS; index++) {
    tickets.push(await queueTicket(context, cookie, from));
  }
  const granted = tickets.flatMap(({ ticket }) => (ticket ? [ticket] : []));
  const handshakes = await Promise.all(
    granted.map((ticket) => connect(context.queueUrl, ticket, from)),
  );
  const sockets = handshakes.flatMap(({ socket }) => (socket ? [socket] : []));
  const { performanceId } = context.sale;
  const joins: string[] = [];
  for (const socket of sockets.slice(0, MAX_SOCKETS_PER_BUYER)) {
    joins.push(await join(socket, performanceId));
  }
  // The per-user join limit refills one join every 2 s: wait for it, so what refuses the
  // sixth tab is the socket cap.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const sixth = sockets[MAX_SOCKETS_PER_BUYER];
  const sixthJoin = sixth ? await join(sixth, performanceId) : "no sixth socket";
  const rest = await Promise.all(
    sockets.slice(MAX_SOCKETS_PER_BUYER + 1).map((socket) => join(socket, performanceId)),
  );
  for (const socket of sockets) socket.disconnect();

  const inLine = [...joins, sixthJoin, ...rest].filter((code) => code.startsWith("joined")).length;
  return [
    {
      attack: `${TICKET_REQUESTS} queue tickets for one buyer in a burst`,
      expected: "30 a minute, the rest 429 RATE_LIMITED",
      observed: tally(tickets.map(({ outcome }) => outcome)),
      held:
        granted.length <= 30 &&
        tickets.every(({ outcome }) => outcome === "200" || outcome === "429 RATE_LIMITED"),
    },
    {
      attack: `one buyer joins one performance from ${sockets.length} sockets`,
      expected: `at most ${MAX_SOCKETS_PER_BUYER} in line; the sixth TOO_MANY_SOCKETS`,
      observed: `${inLine} in line; sixth: ${sixthJoin}; the rest: ${tally(rest)}`,
      held:
        inLine <= MAX_SOCKETS_PER_BUYER &&
        sixthJoin === "TOO_MANY_SOCKETS" &&
        rest.every((code) => code === "TOO_MANY_SOCKETS" || code === "RATE_LIMITED"),
    },
  ];
};

/** A page of another site opening the socket (with a stolen ticket or none). */
export const foreignOrigin: Attack = async ({ queueUrl, allowedOrigin }) => {
  const handshake = (origin: string) =>
    send(queueUrl, {
      path: "/socket.io/?EIO=4&transport=polling",
      from: loopbackAddress(),
      headers: { origin },
    });
  const foreign = await handshake("http://evil.example");
  const own = await handshake(allowedOrigin);
  return [
    {
      attack: "the socket opened from a foreign Origin",
      expected: "403 ORIGIN_NOT_ALLOWED before Socket.IO sees it",
      observed: `${foreign.status} ${foreign.body}; from the web app's origin: ${own.status}`,
      held:
        foreign.status === 403 && foreign.body.includes("ORIGIN_NOT_ALLOWED") && own.status === 200,
    },
  ];
};

/** 300 handshakes from one address as fast as it can. */
export const handshakeFlood: Attack = async ({ queueUrl }) => {
  const from = loopbackAddress();
  const answers = await Promise.all(
    Array.from({ length: HANDSHAKE_FLOOD }, async () => {
      const { socket, refused } = await connect(queueUrl, "not-a-ticket", from);
      socket?.disconnect();
      return socket ? "connected" : (refused ?? "?");
    }),
  );
  const limited = answers.filter((code) => code === "RATE_LIMITED").length;
  return [
    {
      attack: `${HANDSHAKE_FLOOD} socket handshakes from one address at once`,
      expected: "a burst of 100 checked (UNAUTHENTICATED), the rest RATE_LIMITED",
      observed: tally(answers),
      held:
        limited > 0 &&
        answers.every((code) => code === "RATE_LIMITED" || code === "UNAUTHENTICATED"),
    },
  ];
};

/**
 * A performance whose organizer set a proof of work: a farm's accounts try to get in
 * without one, and with a ticket for a performance that has none (the sale's).
 */
export const linePowDodge: Attack = async (context) => {
  const guarded = await seedSale(context.prisma, {
    seats: 10,
    maxActive: 50,
    admitRate: 50,
    tokenTtl: 600,
    refuseRatio: 0,
  });
  await context.prisma.performance.update({
    where: { id: guarded.performanceId },
    data: { queuePowComplexity: 100 },
  });
  const { cookie } = await context.newBuyer();
  const from = loopbackAddress();
  const bare = await queueTicket(context, cookie, from, { performanceId: guarded.performanceId });
  // A ticket for the sale (no proof of work there), used to join the guarded line.
  const { ticket } = await queueTicket(context, cookie, from);
  if (!ticket) throw new Error("no queue ticket for the sale");
  const { socket, refused } = await connect(context.queueUrl, ticket, from);
  const dodged = socket ? await join(socket, guarded.performanceId) : `refused ${refused}`;
  socket?.disconnect();
  // A solution for the sale's line is no solution for the guarded one either.
  const pow = await solvedPow(context.webUrl, from, {
    purpose: "queue",
    performanceId: guarded.performanceId,
  });
  const paid = await queueTicket(context, cookie, from, {
    performanceId: guarded.performanceId,
    pow,
  });
  return [
    {
      attack: "a ticket for a line with a proof of work, without one",
      expected: "403 POW_REQUIRED",
      observed: bare.outcome,
      held: bare.outcome === "403 POW_REQUIRED",
    },
    {
      attack: "a ticket for a line without one, used to join the line that has one",
      expected: "the join refused: OTHER_PERFORMANCE",
      observed: dodged,
      held: dodged === "OTHER_PERFORMANCE",
    },
    {
      attack: "the same buyer, having solved the proof of work, asks again",
      expected: "200: a ticket",
      observed: paid.outcome,
      held: paid.outcome === "200",
    },
  ];
};
