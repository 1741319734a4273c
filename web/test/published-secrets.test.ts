import { describe, expect, it } from "vitest";
import { createTicketSigner } from "@ticketping/common/tickets";
import { startWebServer } from "./support/web-server";

// The server stops while reading its configuration, before it opens any connection.
const databaseUrl = "postgresql://ticketping:ticketping@127.0.0.1:5432/never-connected";

describe("web start-up in production", () => {
  it("refuses a secret published in the repository, naming the variable", async () => {
    await expect(
      startWebServer({
        databaseUrl,
        env: { NEXTAUTH_SECRET: "compose-demo-nextauth-secret-change-me-0123456789" },
      }),
    ).rejects.toThrow(/exited with 1: [^]*NEXTAUTH_SECRET: equals a value published/);
  });

  it("refuses the development proof-of-work secret, with which anyone could sign easy challenges", async () => {
    await expect(
      startWebServer({
        databaseUrl,
        env: {
          POW_HMAC_SECRET: "ticketping-development-secret-do-not-use-in-production:POW_HMAC_SECRET",
        },
      }),
    ).rejects.toThrow(/POW_HMAC_SECRET: equals a value published/);
  });

  it("refuses the development email-token secret, with which anyone could forge a verification link", async () => {
    await expect(
      startWebServer({
        databaseUrl,
        env: {
          EMAIL_TOKEN_SECRET:
            "ticketping-development-secret-do-not-use-in-production:EMAIL_TOKEN_SECRET",
        },
      }),
    ).rejects.toThrow(/EMAIL_TOKEN_SECRET: equals a value published/);
  });

  it("refuses to keep trusting the development ticket key after a rotation", async () => {
    const development = createTicketSigner(
      "ticketping-development-secret-do-not-use-in-production:TICKET_SIGNING_KEY",
    ).publicKey;
    await expect(
      startWebServer({
        databaseUrl,
        env: { TICKET_SIGNING_KEYS_PREVIOUS: development.publicKey },
      }),
    ).rejects.toThrow(
      /TICKET_SIGNING_KEYS_PREVIOUS: holds the public key of the development TICKET_SIGNING_KEY/,
    );
  });

  it("refuses a published webhook secret, with which anyone could sign a payment", async () => {
    await expect(
      startWebServer({
        databaseUrl,
        env: { STRIPE_WEBHOOK_SECRET: "whsec_compose_demo_change_me_0123456789abcdef" },
      }),
    ).rejects.toThrow(/STRIPE_WEBHOOK_SECRET: equals a value published/);
  });

  it("refuses production without a Stripe key unless the simulated provider is named", async () => {
    await expect(
      startWebServer({ databaseUrl, env: { PAYMENT_PROVIDER: "", STRIPE_SECRET_KEY: "" } }),
    ).rejects.toThrow(/STRIPE_SECRET_KEY: required in production[^]*PAYMENT_PROVIDER=simulated/);
  });
});
