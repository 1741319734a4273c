import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { StepError } from "./step-error";

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/**
 * Plain HTTP/1.1 over keep-alive connections to one origin. node:http rather than fetch
 * so the pool is explicit: thousands of buyers share `maxSockets` connections (a browser
 * each would have their own, but this process, the web server and the machine's open-file
 * limit are shared), and a request waiting for a free connection counts in its latency,
 * as it would waiting in a browser's queue.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly origin: URL;

  constructor(
    baseUrl: string,
    private readonly options: {
      maxSockets: number;
      timeoutMs: number;
      /** The loopback address to connect from (a client process's own). */
      localAddress?: string;
    },
  ) {
    this.origin = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  }

  async request({ method, path, headers = {}, body, signal }: HttpRequest): Promise<HttpResponse> {
    signal?.throwIfAborted();
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          protocol: this.origin.protocol,
          hostname: this.origin.hostname,
          port: this.origin.port,
          ...(this.options.localAddress ? { localAddress: this.options.localAddress } : {}),
          method,
          path,
          headers: {
            accept: "application/json, text/html",
            ...headers,
            ...(body === undefined ? {} : { "content-length": Buffer.byteLength(body) }),
          },
          signal,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            });
          });
          response.on("error", (error) => {
            reject(networkError(error));
          });
        },
      );
      req.setTimeout(this.options.timeoutMs, () => {
        req.destroy(new StepError("TIMEOUT", `${method} ${path}: no answer in time`));
      });
      req.on("error", (error) => {
        reject(networkError(error));
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function networkError(error: Error): Error {
  if (error instanceof StepError || error.name === "AbortError") return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new StepError(code ?? "NETWORK", error.message);
}
