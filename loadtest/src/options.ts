import { z } from "zod";
import { parseFlags } from "./cli";

/** Hard bounds: one machine, loopback only, and a run that always ends by itself. */
export const LIMITS = {
  // Each buyer is one socket in a client process and one in a queue-service process, and
  // one process may open at most 20,000 files here (hard): above `buyersPerProcess` the
  // buyers and the queue service are spread over several processes.
  maxBuyers: 20_000,
  /** Buyers one process (client or queue service) is given by default: half its file limit. */
  buyersPerProcess: 10_000,
  /** Client processes or queue-service processes at most. */
  maxProcesses: 8,
  maxSeats: 10_000,
  maxTimeLimitSeconds: 1_800,
} as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const rate = z.coerce.number().min(0).max(1);

export const loadTestOptionsSchema = z
  .object({
    /** Buyers who press "Book" in the same second. */
    buyers: int(1, LIMITS.maxBuyers).default(5_000),
    /** Seats of the one show on sale. */
    seats: int(1, LIMITS.maxSeats).default(1_000),
    /** The waiting room's working set. */
    maxActive: int(1, 100_000).default(200),
    /** Admissions per second at most (the queue service's default). */
    admitRate: int(1, 10_000).default(50),
    /** Working token lifetime (the queue service's default). */
    tokenTtl: int(60, 86_400).default(600),
    /** LINE_FULL once waiting >= ratio x unsold seats; 0 turns it off (product default 2). */
    refuseRatio: z.coerce.number().min(0).max(100).default(2),
    /** Seat hold lifetime: short, so the holds buyers let lapse expire within the run. */
    holdTtl: int(15, 3_600).default(30),
    /** A waiting buyer who disconnects keeps the place this long (product default 60). */
    disconnectGrace: int(0, 600).default(60),
    /** An admitted buyer's time to claim the working token (product default 30). */
    claimWindow: int(1, 600).default(30),
    /** Share of buyers who give up while waiting (half leave, half close the tab). */
    abandonRate: rate.default(0.05),
    /** Share of admitted buyers who hold seats, open the payment page and never pay. */
    lapseRate: rate.default(0.05),
    /** The whole run, start-up excluded; buyers still busy then are cut off. */
    timeLimit: int(10, LIMITS.maxTimeLimitSeconds).default(600),
    /**
     * How buyers open the queue socket: `session` (the session cookie at the queue
     * service's session door, as the waiting-room page does) or `ticket` (POST
     * /api/queue/ticket first, the older door, still served).
     */
    door: z.enum(["session", "ticket"]).default("session"),
    /**
     * Processes the buyers are spread over, each connecting from its own loopback address;
     * default one per `buyersPerProcess` buyers (1 up to 10,000).
     */
    clientProcesses: int(1, LIMITS.maxProcesses).optional(),
    /** QUEUE_PROCESSES of the queue service (and the bare reference's processes); default as above. */
    queueProcesses: int(1, LIMITS.maxProcesses).optional(),
    /** Seeds every random choice (plans, seats), so a run can be repeated. */
    seed: int(0, 2 ** 31 - 1).optional(),
    /** Report directory; default loadtest/reports/<timestamp>/. */
    out: z.string().min(1).optional(),
    /** Where the queue service and the worker write V8 CPU profiles (node --cpu-prof); none unset. */
    profileDir: z.string().min(1).optional(),
    /**
     * Niceness of the queue service and the worker: on one box, whether the web app serving
     * the admitted buyers goes first when the crowd's handshakes and the worker want the CPU.
     */
    backgroundNice: int(0, 19).default(0),
  })
  .strict();

export type LoadTestOptions = z.infer<typeof loadTestOptionsSchema>;
export type LoadTestInput = z.input<typeof loadTestOptionsSchema>;

const flagNames = {
  buyers: "buyers",
  seats: "seats",
  "max-active": "maxActive",
  "admit-rate": "admitRate",
  "token-ttl": "tokenTtl",
  "refuse-ratio": "refuseRatio",
  "hold-ttl": "holdTtl",
  "disconnect-grace": "disconnectGrace",
  "claim-window": "claimWindow",
  "abandon-rate": "abandonRate",
  "lapse-rate": "lapseRate",
  "time-limit": "timeLimit",
  door: "door",
  "client-processes": "clientProcesses",
  "queue-processes": "queueProcesses",
  seed: "seed",
  out: "out",
  "profile-dir": "profileDir",
  "background-nice": "backgroundNice",
} as const satisfies Record<string, keyof LoadTestOptions>;

export const usage = `npm run loadtest -- [options]

  --buyers N            buyers arriving at once (default 5000, at most ${LIMITS.maxBuyers})
  --seats N             seats of the show on sale (default 1000, at most ${LIMITS.maxSeats})
  --max-active N        the waiting room's working set (default 200)
  --admit-rate N        admissions per second at most (default 50)
  --token-ttl S         working token lifetime, seconds (default 600)
  --refuse-ratio R      LINE_FULL at waiting >= R x unsold seats, 0 = off (default 2)
  --hold-ttl S          seat hold lifetime, seconds (default 30)
  --disconnect-grace S  place kept for a waiter who closed the tab (default 60)
  --claim-window S      time an admitted buyer has to claim (default 30)
  --abandon-rate P      share of buyers leaving while they wait (default 0.05)
  --lapse-rate P        share of admitted buyers letting their hold lapse (default 0.05)
  --time-limit S        the run stops after this many seconds (default 600, at most ${LIMITS.maxTimeLimitSeconds})
  --door session|ticket how buyers open the queue socket (default session: the cookie at
                        the socket; ticket: POST /api/queue/ticket first)
  --client-processes N  processes the buyers are spread over, each from its own loopback
                        address (default 1 per ${LIMITS.buyersPerProcess} buyers)
  --queue-processes N   QUEUE_PROCESSES of the queue service, and the bare reference's
                        processes (default 1 per ${LIMITS.buyersPerProcess} buyers)
  --seed N              repeat a run's random choices
  --out DIR             report directory (default loadtest/reports/<timestamp>)
  --profile-dir DIR     the queue service and the worker write CPU profiles there
                        (node --cpu-prof, written when they stop)
  --background-nice N   run the queue service and the worker at niceness N (0-19, default 0),
                        so the web app serving the admitted buyers wins the CPU on one box
  --help                this text`;

/** The load test's flags into validated options; throws on anything else. */
export function parseCliOptions(argv: readonly string[]): LoadTestOptions | "help" {
  return parseFlags(argv, flagNames, loadTestOptionsSchema);
}
