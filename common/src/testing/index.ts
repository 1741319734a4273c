export { freePort } from "./free-port";
export { spawnService, type SpawnedService } from "./spawn-service";
