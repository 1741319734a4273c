import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

export type CuttableDbProxy = TcpProxy;

/**
 * A plain TCP hop in front of the real PostgreSQL, so a test can take the database away
 * from one server under test (as a restart or a network cut does) without stopping the
 * PostgreSQL every other test shares.
 */
export function startCuttableDbProxy(databaseUrl: string): Promise<CuttableDbProxy> {
  return startTcpProxy({ targetUrl: databaseUrl, defaultPort: 5432 });
}
