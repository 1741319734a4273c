import { z } from "zod";
import { parseFlags } from "../cli";
import { LIMITS, loadTestOptionsSchema } from "../options";

const seconds = (min: number, max: number) => z.coerce.number().min(min).max(max);

/**
 * The load test's scenario with a slower sale (a small working set, buyers who take a
 * while to pay, no LINE_FULL) so it lasts through every fault, plus how long each fault
 * lasts.
 */
export const chaosOptionsSchema = loadTestOptionsSchema
  .extend({
    // The chaos run keeps every buyer in this one process.
    buyers: loadTestOptionsSchema.shape.buyers
      .unwrap()
      .min(2)
      .max(LIMITS.buyersPerProcess)
      .default(2_000),
    seats: loadTestOptionsSchema.shape.seats.unwrap().default(500),
    maxActive: loadTestOptionsSchema.shape.maxActive.unwrap().default(10),
    admitRate: loadTestOptionsSchema.shape.admitRate.unwrap().default(5),
    refuseRatio: loadTestOptionsSchema.shape.refuseRatio.unwrap().default(0),
    lapseRate: loadTestOptionsSchema.shape.lapseRate.unwrap().default(0.1),
    timeLimit: loadTestOptionsSchema.shape.timeLimit.unwrap().default(900),
    /** Buyers spend 1 s to this long on the payment page before paying. */
    payDelay: seconds(1, 600).default(10),
    /** The worker stays dead this long. */
    workerDown: seconds(0, 600).default(15),
    /** Kafka stays down this long: longer than a hold, so holds end while payments wait. */
    kafkaDown: seconds(1, 900).optional(),
    redisDown: seconds(0, 600).default(5),
    postgresDown: seconds(0, 600).default(10),
    /** Quiet time before each fault. */
    faultGap: seconds(0, 600).default(15),
    /** A fault not recovered from within this long counts as not recovered. */
    recoveryLimit: seconds(10, 900).default(120),
  })
  .transform((options) => ({ ...options, kafkaDown: options.kafkaDown ?? options.holdTtl + 20 }))
  .refine((options) => options.kafkaDown > options.holdTtl, {
    message: "--kafka-down must be longer than --hold-ttl: holds must end while Kafka is away",
    path: ["kafkaDown"],
  });

export type ChaosOptions = z.infer<typeof chaosOptionsSchema>;
export type ChaosInput = z.input<typeof chaosOptionsSchema>;

const flagNames = {
  buyers: "buyers",
  seats: "seats",
  "max-active": "maxActive",
  "admit-rate": "admitRate",
  "hold-ttl": "holdTtl",
  "lapse-rate": "lapseRate",
  "abandon-rate": "abandonRate",
  "pay-delay": "payDelay",
  "worker-down": "workerDown",
  "kafka-down": "kafkaDown",
  "redis-down": "redisDown",
  "postgres-down": "postgresDown",
  "fault-gap": "faultGap",
  "recovery-limit": "recoveryLimit",
  "time-limit": "timeLimit",
  seed: "seed",
  out: "out",
} as const satisfies Record<string, keyof ChaosInput>;

export const chaosUsage = `npm run chaos -- [options]

  --buyers N          buyers arriving at once (default 2000, at most ${LIMITS.buyersPerProcess})
  --seats N           seats of the show on sale (default 500)
  --max-active N      the waiting room's working set (default 10)
  --admit-rate N      admissions per second at most (default 5)
  --hold-ttl S        seat hold lifetime, seconds (default 30)
  --lapse-rate P      share of admitted buyers letting their hold lapse (default 0.1)
  --abandon-rate P    share of buyers leaving while they wait (default 0.05)
  --pay-delay S       buyers take 1 s to S s on the payment page (default 10)
  --worker-down S     seconds the killed worker stays dead (default 15)
  --kafka-down S      seconds Kafka stays stopped, more than --hold-ttl (default hold-ttl + 20)
  --redis-down S      seconds Redis stays down (default 5)
  --postgres-down S   seconds PostgreSQL stays down (default 10)
  --fault-gap S       quiet seconds before each fault (default 15)
  --recovery-limit S  a fault not recovered from in this long fails the run (default 120)
  --time-limit S      the buyers are cut off after this many seconds (default 900)
  --seed N            repeat a run's random choices
  --out DIR           report directory (default loadtest/reports/chaos-<timestamp>)
  --help              this text`;

/** The chaos run's flags into validated options; throws on anything else. */
export function parseChaosOptions(argv: readonly string[]): ChaosOptions | "help" {
  return parseFlags(argv, flagNames, chaosOptionsSchema);
}
