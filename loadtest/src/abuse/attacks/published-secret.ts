import { randomBytes } from "node:crypto";
import { env } from "../../env";
import { startWeb } from "../../system/start-web";
import type { Attack } from "../attack";

/** docker-compose.yml's old demo value: public, so anyone could sign an organizer's session. */
const PUBLISHED_NEXTAUTH_SECRET = "compose-demo-nextauth-secret-change-me-0123456789";

/** Someone deploys with a secret copied from the repository. */
export const publishedSecret: Attack = async () => {
  const secret = () => randomBytes(32).toString("hex");
  let observed: string;
  let held = false;
  try {
    const web = await startWeb({
      timeoutMs: 30_000,
      env: (baseUrl) => ({
        PATH: env.PATH,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: PUBLISHED_NEXTAUTH_SECRET,
        QUEUE_TOKEN_SECRET: secret(),
        QUEUE_TICKET_SECRET: secret(),
        STRIPE_WEBHOOK_SECRET: `whsec_${secret()}`,
        POW_HMAC_SECRET: secret(),
        TICKET_SIGNING_KEY: secret(),
        EMAIL_TOKEN_SECRET: secret(),
        PAYMENT_PROVIDER: "simulated",
      }),
    });
    await web.stop();
    observed = "the server started";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const named = /NEXTAUTH_SECRET: equals a value published/.test(message);
    held = /exited with 1/.test(message) && named;
    observed = named ? "exited 1, naming NEXTAUTH_SECRET" : message.slice(0, 200);
  }
  return [
    {
      attack: "the web app started in production with a secret published in the repository",
      expected: "refuses to start, naming the variable",
      observed,
      held,
    },
  ];
};
