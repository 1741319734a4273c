import type { HttpClient, HttpRequest, HttpResponse } from "../clients/http-client";
import { errorCode } from "../clients/step-error";
import type { HttpTransport } from "../clients/web-api";
import { sleep } from "../sleep";

/** Network failures where the request never reached the server: safe to send again. */
const NEVER_ARRIVED = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENOTCONN"]);
/** After these a GET is sent again (it changes nothing); a POST might have been done. */
const IDEMPOTENT_ONLY = new Set(["ECONNRESET", "EPIPE", "TIMEOUT", "SOCKET_HANG_UP"]);

/**
 * A buyer who presses again while the site says "try again shortly": every request the
 * server answered 503 (it did nothing), or that never reached it, is sent again after a
 * pause, for at most `patienceMs`. Any other answer, a 500 included, goes to the buyer as it
 * is. Counts what the server answered meanwhile, so the report can say which codes buyers saw.
 */
export class PatientHttp implements HttpTransport {
  /** `<status> <code>` -> answers, for every 5xx answer and network failure seen. */
  readonly troubles = new Map<string, number>();

  constructor(
    private readonly http: HttpClient,
    private readonly options: { patienceMs: number; pauseMs: number; signal: AbortSignal },
  ) {}

  async request(request: HttpRequest): Promise<HttpResponse> {
    const giveUpAt = Date.now() + this.options.patienceMs;
    for (;;) {
      let response: HttpResponse;
      try {
        response = await this.http.request(request);
      } catch (error) {
        const code = errorCode(error);
        this.count(`network ${code}`);
        const again =
          NEVER_ARRIVED.has(code) || (request.method === "GET" && IDEMPOTENT_ONLY.has(code));
        if (!again || Date.now() > giveUpAt || this.options.signal.aborted) throw error;
        await sleep(this.options.pauseMs, this.options.signal);
        continue;
      }
      if (response.status >= 500) this.count(`${response.status} ${codeOf(response.body)}`);
      if (response.status !== 503 || Date.now() > giveUpAt) return response;
      await sleep(this.options.pauseMs, this.options.signal);
    }
  }

  private count(key: string): void {
    this.troubles.set(key, (this.troubles.get(key) ?? 0) + 1);
  }
}

/** The `error.code` of a JSON error body, or `-` when the body carries none. */
export function codeOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === "string" ? parsed.error.code : "-";
  } catch {
    return "-";
  }
}
