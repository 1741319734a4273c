// `npm run build` of queue-service and worker: src/main.ts and the workspace code it
// imports (common, the generated Prisma client) as one ES module, dist/main.js, which the
// Docker image and `npm start` run with plain node. The workspace packages ship TypeScript
// source, so they are bundled; every other package stays an import resolved from
// node_modules at run time, so it runs exactly as published (native addons, worker
// threads, optional requires, Prisma's query compiler).
// Arguments name further entry points, e.g. the file a worker thread runs: each becomes
// dist/<its name>.js next to dist/main.js, where the code that starts the thread finds it.
import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const packageRoot = process.cwd();
const outdir = path.join(packageRoot, "dist");

const thirdPartyExternal = {
  name: "third-party-external",
  setup(builder) {
    // Bare specifiers only: relative and absolute paths are the package's own files.
    builder.onResolve({ filter: /^[^./]/ }, ({ path: specifier }) =>
      specifier.startsWith("@ticketping/") ? undefined : { external: true },
    );
  },
};

const entryPoints = ["src/main.ts", ...process.argv.slice(2)].map((file) => ({
  in: path.join(packageRoot, file),
  out: path.basename(file, path.extname(file)),
}));

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints,
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Production stack traces name the TypeScript files (node --enable-source-maps).
  sourcemap: true,
  plugins: [thirdPartyExternal],
  logLevel: "warning",
});
