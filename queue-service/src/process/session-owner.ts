/**
 * Engine.io session ids name the process that holds the session: `<worker id>_<random>`.
 * Every process takes connections from the one shared port, so a long-polling client's
 * next request may reach any of them; the prefix says where to send it on.
 */
const OWNED = /^(\d+)_/;

export function tagSessionId(workerId: number, random: string): string {
  return `${workerId}_${random}`;
}

/** The worker id a request's `sid` names, or undefined for a handshake or a foreign id. */
export function ownerOfRequest(url: string | undefined): number | undefined {
  const query = url?.indexOf("?") ?? -1;
  if (!url || query < 0) return undefined;
  const sid = new URLSearchParams(url.slice(query + 1)).get("sid");
  const match = sid === null ? null : OWNED.exec(sid);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
