/**
 * The Content-Security-Policy of every page. Scripts run only with the request's nonce
 * (Next.js puts it on its own scripts when it finds it in the request's CSP header), and
 * 'strict-dynamic' lets those load the chunks they import. Stripe's hosts are listed only
 * when Stripe takes the payments; the simulated provider's page is our own.
 *
 * Imported by next.config.ts too, so it reads no env module: callers pass what it needs.
 */
export interface PagePolicyOptions {
  nonce: string;
  /** The queue service as browsers reach it: the waiting room's socket connects there. */
  queuePublicUrl: string;
  stripe: boolean;
  /** next dev evaluates code for its overlay and fast refresh. */
  development: boolean;
  /** Served over https: ask browsers to load nothing over plain http. */
  https: boolean;
}

const STRIPE_JS = "https://js.stripe.com";

export function pageContentSecurityPolicy(options: PagePolicyOptions): string {
  const queue = new URL(options.queuePublicUrl);
  const queueSocket = `${queue.protocol === "https:" ? "wss:" : "ws:"}//${queue.host}`;
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      `'nonce-${options.nonce}'`,
      "'strict-dynamic'",
      ...(options.stripe ? [STRIPE_JS] : []),
      ...(options.development ? ["'unsafe-eval'"] : []),
    ],
    // Seat colours and progress bars are style attributes; styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    // The proof-of-work solver runs in Web Workers built from our own scripts. Without
    // this, workers would follow script-src, where 'strict-dynamic' lets a trusted script
    // start one from any URL (blob: and data: included).
    "worker-src": ["'self'"],
    "connect-src": [
      "'self'",
      queue.origin,
      queueSocket,
      ...(options.stripe ? ["https://api.stripe.com"] : []),
    ],
    "frame-src": options.stripe ? [STRIPE_JS, "https://hooks.stripe.com"] : ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(options.https ? { "upgrade-insecure-requests": [] } : {}),
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

/** API answers are data, never documents to render: nothing may load or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
