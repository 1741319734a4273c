import type { QueueSocket } from "./types";

/**
 * Lets go of what only the door needed. Engine.IO keeps each connection's first HTTP request
 * (the message, its headers and raw headers) for as long as the socket lives, and Socket.IO's
 * handshake record points at those headers (the session cookie) and at the ticket. The door
 * (limitConnectionsPerAddress, authenticateHandshake) has read them and copied what the
 * socket keeps into `socket.data` before a socket connects, so tens of thousands of waiting
 * sockets need not carry them (Socket.IO's documentation, "Memory usage", advises the same).
 */
export function releaseHandshakeRequest(socket: QueueSocket): void {
  (socket.conn as { request: unknown }).request = null;
  socket.handshake.headers = {};
  socket.handshake.auth = {};
}
