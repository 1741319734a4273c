import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import type { Socket } from "socket.io-client";

/** The processes a process forked (the queue-service primary's workers). */
export function childProcesses(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8")
      .split(" ")
      .filter((child) => child.trim() !== "")
      .map(Number),
  );
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return inodes;
}

const portOf = (address: string | undefined) => Number.parseInt(address?.split(":")[1] ?? "", 16);

/**
 * Which of `pids` holds the server side of the TCP connection from `clientPort` to
 * `serverPort` (loopback, IPv4): the kernel's own answer, from /proc/net/tcp and each
 * process's descriptors.
 */
export function processHoldingConnection(
  pids: readonly number[],
  serverPort: number,
  clientPort: number,
): number {
  const inodeByRemotePort = new Map<number, string>();
  for (const line of readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
    const [, local, remote, , , , , , , inode] = line.trim().split(/\s+/);
    if (portOf(local) !== serverPort || !inode || inode === "0") continue;
    inodeByRemotePort.set(portOf(remote), inode);
  }
  const inode = inodeByRemotePort.get(clientPort);
  const owner = pids.find((pid) => inode !== undefined && socketInodes(pid).has(inode));
  if (owner === undefined) throw new Error(`no process holds the connection from ${clientPort}`);
  return owner;
}

/** The local TCP port of a socket.io-client socket on the websocket transport (Node). */
export function clientPortOf(socket: Socket): number {
  // engine.io-client's websocket transport keeps the `ws` WebSocket, which keeps its socket.
  const transport = socket.io.engine.transport as unknown as {
    ws?: { _socket?: { localPort?: number } };
  };
  const port = transport.ws?._socket?.localPort;
  if (port === undefined) throw new Error("the socket has no websocket transport");
  return port;
}
