import path from "node:path";
import { fileURLToPath } from "node:url";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the package keeps its schema and migrations, wherever the command runs from. */
export const defaultPaths = {
  schemaPath: path.join(packageRoot, "schema.prisma"),
  migrationsDir: path.join(packageRoot, "migrations"),
};
