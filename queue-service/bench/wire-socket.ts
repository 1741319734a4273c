import { WebSocket } from "ws";

/**
 * A minimal Socket.IO client speaking the wire protocol (Engine.IO v4 over a WebSocket)
 * directly: open, connect with auth, events, acknowledgements, ping/pong. The benchmark's
 * buyers share two cores with the server they measure; socket.io-client costs several times
 * more CPU per message than the server spends sending it, which would make the clients,
 * not the server, the thing measured. Tests use socket.io-client.
 */
export class WireSocket {
  private nextAckId = 0;
  private readonly pendingAcks = new Map<number, (reply: unknown) => void>();
  /** Called with each pushed event's name and its (unparsed) JSON array text. */
  onEvent: ((name: string, frame: string) => void) | undefined;

  private constructor(private readonly ws: WebSocket) {}

  static connect(
    url: string,
    auth: Record<string, unknown>,
    timeoutMs: number,
    localAddress?: string,
  ): Promise<WireSocket> {
    const endpoint = new URL("/socket.io/", url.replace(/^http/, "ws"));
    endpoint.search = "EIO=4&transport=websocket";
    const ws = new WebSocket(endpoint, {
      perMessageDeflate: false,
      ...(localAddress ? { localAddress } : {}),
    });
    const socket = new WireSocket(ws);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error("connect timed out"));
      }, timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      ws.once("error", fail);
      ws.on("message", (data: Buffer) => {
        const frame = data.toString();
        if (frame.startsWith("0")) {
          ws.send(`40${JSON.stringify(auth)}`);
        } else if (frame.startsWith("40")) {
          clearTimeout(timer);
          ws.off("error", fail);
          resolve(socket);
        } else if (frame.startsWith("44")) {
          fail(new Error(`connect refused: ${frame.slice(2)}`));
        } else {
          socket.receive(frame);
        }
      });
    });
  }

  private receive(frame: string): void {
    if (frame === "2") {
      this.ws.send("3");
    } else if (frame.startsWith("43")) {
      const bracket = frame.indexOf("[");
      const id = Number(frame.slice(2, bracket));
      const resolve = this.pendingAcks.get(id);
      this.pendingAcks.delete(id);
      resolve?.((JSON.parse(frame.slice(bracket)) as unknown[])[0]);
    } else if (frame.startsWith("42")) {
      const nameEnd = frame.indexOf('"', 4);
      this.onEvent?.(frame.slice(4, nameEnd), frame.slice(2));
    }
  }

  emitWithAck(event: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    const id = this.nextAckId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAcks.delete(id);
        reject(new Error(`${event} timed out`));
      }, timeoutMs);
      this.pendingAcks.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    this.ws.close();
  }
}
