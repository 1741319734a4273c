// `next build` with output "standalone" leaves static assets and public/ outside the
// standalone folder (a CDN may serve them). We serve them from the same server, locally
// and in the Docker image alike, so copy them in once after each build.
import { cp, rm } from "node:fs/promises";
import path from "node:path";

const web = path.resolve(import.meta.dirname, "..");
const standaloneWeb = path.join(web, ".next/standalone/web");

await rm(path.join(standaloneWeb, ".next/static"), { recursive: true, force: true });
await cp(path.join(web, ".next/static"), path.join(standaloneWeb, ".next/static"), {
  recursive: true,
});
await rm(path.join(standaloneWeb, "public"), { recursive: true, force: true });
await cp(path.join(web, "public"), path.join(standaloneWeb, "public"), { recursive: true });
