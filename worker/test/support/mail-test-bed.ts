import { envFields, parseEnv } from "@ticketping/common/env";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { startOwnMailpit, type OwnMailpit, type SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { startWorkerProcess } from "./worker-process";

/** Where the mails' links point; nothing serves it. */
export const publicWebUrl = "http://tickets.test";

export interface MailTestBed {
  database: TestDatabase;
  prisma: PrismaClient;
  /** A Mailpit of the test's own, so stopping it disturbs nobody. */
  mailpit: OwnMailpit;
  /** The real worker process, mailing through that Mailpit. */
  worker: SpawnedService;
  /** Publishes events as web and the worker would (for redeliveries). */
  publisher: EventPublisher;
  stop: () => Promise<void>;
}

/**
 * Mail from the real worker process: a throwaway database, Kafka events in, SMTP out to a
 * Mailpit of the test's own, read back through Mailpit's API. `env` adds to the worker's.
 */
export async function startMailTestBed({
  label,
  env = {},
}: {
  label: string;
  env?: Record<string, string>;
}): Promise<MailTestBed> {
  const { KAFKA_BROKERS } = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
  const logger = createLogger({ name: `${label}-test`, level: "silent" });
  const publisher = new EventPublisher(
    createKafka({ brokers: KAFKA_BROKERS, clientId: `${label}-test`, logger }),
  );
  const database = await createTestDatabase({ label });
  const mailpit = await startOwnMailpit();
  await publisher.connect();
  const worker = await startWorkerProcess({
    databaseUrl: database.url,
    env: {
      SMTP_URL: mailpit.smtpUrl,
      PUBLIC_WEB_URL: publicWebUrl,
      MAIL_FROM: "Ticketping <tickets@ticketping.test>",
      MAIL_POLL_INTERVAL_MS: "100",
      ...env,
    },
  });
  return {
    database,
    prisma: database.prisma,
    mailpit,
    worker,
    publisher,
    stop: async () => {
      await worker.stop("SIGKILL");
      await publisher.disconnect();
      await mailpit.remove();
      await database.drop();
    },
  };
}
