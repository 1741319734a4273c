import type { Attack } from "../attack";
import { loopbackAddress, outcomeOf, send } from "../http";

/**
 * Another site makes a signed-in buyer's browser post to us: the session cookie goes
 * along (a same-site cookie would stop some browsers, not all); Origin and Sec-Fetch-Site
 * give the page away.
 */
export const crossSitePosts: Attack = async (context) => {
  const { cookie } = await context.newBuyer();
  const post = (headers: Record<string, string>) =>
    send(context.webUrl, {
      method: "POST",
      path: "/api/queue/ticket",
      from: loopbackAddress(),
      headers: { cookie, "content-type": "application/json", ...headers },
      body: JSON.stringify({ performanceId: context.sale.performanceId }),
    });
  const byOrigin = await post({ origin: "http://evil.example" });
  const byFetchSite = await post({ "sec-fetch-site": "cross-site" });
  const sameOrigin = await post({ origin: context.webUrl, "sec-fetch-site": "same-origin" });
  return [
    {
      attack: "a cross-site POST with the buyer's cookie (Origin, then Sec-Fetch-Site)",
      expected: "403 CSRF_REJECTED both times; the same request from our origin 200",
      observed: `${outcomeOf(byOrigin)}; ${outcomeOf(byFetchSite)}; same origin ${outcomeOf(sameOrigin)}`,
      held:
        outcomeOf(byOrigin) === "403 CSRF_REJECTED" &&
        outcomeOf(byFetchSite) === "403 CSRF_REJECTED" &&
        sameOrigin.status === 200,
    },
  ];
};
