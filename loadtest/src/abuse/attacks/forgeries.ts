import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Attack } from "../attack";
import { loopbackAddress, outcomeOf, send } from "../http";
import { admittedBuyer, connect } from "../queue-socket";

/** Stripe's signature header: `t=<seconds>,v1=HMAC-SHA256(secret, "<t>.<body>")`. */
function stripeSignature(secret: string, body: string, seconds: number): string {
  const v1 = createHmac("sha256", secret).update(`${seconds}.${body}`).digest("hex");
  return `t=${seconds},v1=${v1}`;
}

/**
 * Forged and replayed credentials of every kind: webhooks, sessions, working tokens and
 * queue tickets. None is accepted, and none costs more than its check.
 */
export const forgeries: Attack = async (context) => {
  const { webUrl } = context;
  const from = loopbackAddress();
  const webhookBody = JSON.stringify({
    id: `evt_${randomUUID()}`,
    type: "checkout.session.completed",
    data: { object: { id: `cs_${randomUUID()}`, payment_status: "paid" } },
  });
  const postWebhook = (signature: string) =>
    send(webUrl, {
      method: "POST",
      path: "/api/webhooks/stripe",
      from,
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body: webhookBody,
    });
  const now = Math.floor(Date.now() / 1000);
  const forgedWebhook = await postWebhook(
    stripeSignature(`whsec_${randomBytes(24).toString("hex")}`, webhookBody, now),
  );
  // Genuinely signed, captured ten minutes ago: replayed outside Stripe's 5-minute tolerance.
  const replayedWebhook = await postWebhook(
    stripeSignature(context.webhookSecret, webhookBody, now - 600),
  );

  const forgedSession = await encode({
    secret: randomBytes(32).toString("hex"),
    token: { sub: randomUUID(), role: "ADMIN", email: "mallory@abuse.invalid" },
  });
  const asForgedOrganizer = await send(webUrl, {
    path: "/api/admin/performances",
    from,
    headers: { cookie: `next-auth.session-token=${forgedSession}` },
  });

  const buyer = await admittedBuyer(context);
  const [header, payload] = buyer.workingToken.split(".");
  const tampered = `${header}.${payload}.${randomBytes(32).toString("base64url")}`;
  const seatMap = (workingToken: string) =>
    send(webUrl, {
      path: `/api/schedules/${context.sale.scheduleId}/seat-map`,
      from,
      headers: { cookie: buyer.cookie, "x-working-token": workingToken },
    });
  const forgedToken = await seatMap(tampered);
  const ownToken = await seatMap(buyer.workingToken);

  const forgedTicket = await connect(
    context.queueUrl,
    `${randomBytes(16).toString("base64url")}.${randomBytes(32).toString("base64url")}`,
    from,
  );
  forgedTicket.socket?.disconnect();

  return [
    {
      attack: "a webhook signed with a made-up secret",
      expected: "400 WEBHOOK_SIGNATURE_INVALID",
      observed: outcomeOf(forgedWebhook),
      held: outcomeOf(forgedWebhook) === "400 WEBHOOK_SIGNATURE_INVALID",
    },
    {
      attack: "a genuinely signed webhook replayed ten minutes later",
      expected: "400 WEBHOOK_SIGNATURE_INVALID (outside the 5-minute tolerance)",
      observed: outcomeOf(replayedWebhook),
      held: outcomeOf(replayedWebhook) === "400 WEBHOOK_SIGNATURE_INVALID",
    },
    {
      attack: "an organizer session signed with a made-up secret",
      expected: "401 UNAUTHENTICATED",
      observed: outcomeOf(asForgedOrganizer),
      held: outcomeOf(asForgedOrganizer) === "401 UNAUTHENTICATED",
    },
    {
      attack: "a working token with a forged signature",
      expected: "403 QUEUE_TOKEN_REQUIRED (the real one: 200)",
      observed: `${outcomeOf(forgedToken)}; the real one: ${outcomeOf(ownToken)}`,
      held: outcomeOf(forgedToken) === "403 QUEUE_TOKEN_REQUIRED" && ownToken.status === 200,
    },
    {
      attack: "a queue ticket with a forged signature",
      expected: "connect_error UNAUTHENTICATED",
      observed: forgedTicket.socket ? "connected" : `connect_error ${forgedTicket.refused}`,
      held: forgedTicket.refused === "UNAUTHENTICATED",
    },
  ];
};
