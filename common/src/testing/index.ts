export { deleteKeysMatching } from "./delete-keys";
export { createCleanupStack, type CleanupStack } from "./cleanup-stack";
export { freePort } from "./free-port";
export { spawnService, type SpawnedService } from "./spawn-service";
export { packageNodeFlags } from "./package-node-flags";
export { dockerfileCommand } from "./dockerfile-command";
export { startOwnRedisServer, type OwnRedisServer } from "./redis-server";
export { startPrivateBroker, type PrivateBroker } from "./private-kafka-broker";
export { localKafkaCluster } from "./kafka-cluster";
export { startFakeGitHub, type FakeGitHub, type FakeGitHubUser } from "./fake-github";
export {
  MailpitClient,
  startOwnMailpit,
  type MailpitMessage,
  type MailpitSummary,
  type OwnMailpit,
} from "./mailpit";
export { postUntilAnswered, type EarlyAnswer } from "./post-until-answered";
export { pdfText, renderPdfPage, type GrayImage } from "./pdf-pages";
export { readQrCode } from "./read-qr-code";
export { ClientProcess } from "./client-process";
export { splitEvenly } from "./split-evenly";
export { saleSettings } from "./sale-settings";
