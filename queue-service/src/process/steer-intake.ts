import type { Cluster, Worker } from "node:cluster";
import { decideIntake } from "./intake-decision";
import { connectionCountSchema, type Intake } from "./sibling-messages";

/** Every process hears every process's count at least this often while counts move (its metrics). */
const COUNTS_EVERY_MS = 250;

interface Member {
  worker: Worker;
  count: number;
  /** What the process last reported: it holds the listening handle. */
  listening: boolean;
  /** What the primary last told it. */
  accept: boolean;
  /** The last message sent to it, the last one that changed `accept`, and the last it acted on. */
  sent: number;
  acceptSent: number;
  acted: number;
}

/**
 * In the primary: decides which queue processes take connections from the shared socket,
 * from every process's count of open connections (balance-intake.ts in each process).
 * The decision is the primary's, not each process's from others' stale counts: two
 * processes stepping aside at once would leave the socket with no process, and the
 * cluster closes a socket no process holds, resetting the connections in its backlog. So
 * a process is told to step aside only while another one, told to accept, reports that it
 * listens; the cluster handles its messages in order, so that one holds the handle.
 */
export function steerIntake(cluster: Cluster): void {
  const members = new Map<number, Member>();
  let countsTimer: NodeJS.Timeout | undefined;
  let countsTold = "";

  const counts = () =>
    Object.fromEntries([...members].map(([id, member]) => [String(id), member.count]));
  const tell = (member: Member) => {
    member.sent += 1;
    const message: Intake = {
      type: "queue:intake",
      seq: member.sent,
      accept: member.accept,
      counts: counts(),
    };
    if (member.worker.isConnected()) member.worker.send(message);
  };
  const tellCounts = () => {
    countsTimer = undefined;
    // Each message is answered with a report: told only when counts moved, or they would
    // keep each other going forever.
    const now = JSON.stringify(counts());
    if (now === countsTold) return;
    countsTold = now;
    for (const member of members.values()) tell(member);
  };
  const steer = () => {
    const all = [...members.values()];
    const wanted = all.map((member) => ({
      member,
      accept: decideIntake({
        own: member.count,
        others: all.filter((other) => other !== member).map((other) => other.count),
        accepting: member.accept,
      }),
    }));
    for (const { member, accept } of wanted) {
      if (accept && !member.accept) {
        member.accept = true;
        tell(member);
        member.acceptSent = member.sent;
      }
    }
    // A process may have closed its handle on its own (at its open-file limit): never leave
    // the socket with nobody told to take connections, or the cluster closes it.
    if (!all.some((member) => member.accept && member.listening)) {
      const emptiest = all.filter((member) => !member.accept).sort((a, b) => a.count - b.count)[0];
      if (emptiest) {
        emptiest.accept = true;
        tell(emptiest);
        emptiest.acceptSent = emptiest.sent;
      }
    }
    // The fullest first, each only while another process surely takes connections.
    const leaving = wanted
      .filter(({ member, accept }) => !accept && member.accept)
      .sort((a, b) => b.member.count - a.member.count);
    for (const { member } of leaving) {
      // Listening, told to accept, and no message on its way that might say otherwise.
      // Counts-only messages do not count: a busy process would seldom have answered the
      // latest, and nobody could ever step aside.
      const another = all.some(
        (other) =>
          other !== member && other.accept && other.listening && other.acted >= other.acceptSent,
      );
      if (!another) break;
      member.accept = false;
      tell(member);
      member.acceptSent = member.sent;
    }
    countsTimer ??= setTimeout(tellCounts, COUNTS_EVERY_MS);
  };

  cluster.on("message", (worker: Worker, message: unknown) => {
    const report = connectionCountSchema.safeParse(message);
    if (!report.success) return;
    const member: Member = members.get(worker.id) ?? {
      worker,
      count: 0,
      listening: false,
      accept: true,
      sent: 0,
      acceptSent: 0,
      acted: 0,
    };
    member.count = report.data.count;
    member.listening = report.data.listening;
    member.acted = report.data.seq;
    // Sent aside, it took connections again on its own (balance-intake.ts: a stalled
    // sibling must not hold the whole backlog); it is steered afresh from here.
    if (!member.accept && member.listening && member.acted >= member.acceptSent) {
      member.accept = true;
    }
    members.set(worker.id, member);
    steer();
  });
  cluster.on("exit", (worker: Worker) => {
    if (members.delete(worker.id)) steer();
  });
}
