import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";
import { undocumentedRoutes } from "./operations";

const appRoot = path.resolve(import.meta.dirname, "../../app");
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** The HTTP methods a route module exports, read from its syntax (importing it needs Next). */
function exportedMethods(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const names: string[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
      }
    } else if (ts.isFunctionDeclaration(statement) && exported(statement) && statement.name) {
      names.push(statement.name.text);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) names.push(element.name.text);
    }
  }
  return names.filter((name) => HTTP_METHODS.has(name));
}

/** src/app/api/holds/[reservationId]/route.ts -> /api/holds/[reservationId] */
function routePath(file: string): string {
  const segments = path
    .relative(appRoot, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** /api/holds/[reservationId] -> /api/holds/{reservationId}, as OpenAPI writes it. */
const templated = (route: string) => route.replace(/\[([^\].]+)\]/g, "{$1}");

const routes = routeFiles(appRoot).map((file) => ({
  route: routePath(file),
  methods: exportedMethods(file),
}));

const documented = Object.entries(openApiDocument().paths).flatMap(([documentedPath, methods]) =>
  Object.keys(methods).map((method) => `${method.toUpperCase()} ${documentedPath}`),
);

describe("the OpenAPI document covers every API route", () => {
  it("finds the routes and their methods", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.find(({ route }) => route === "/api/holds/[reservationId]")?.methods).toEqual([
      "DELETE",
    ]);
    expect(routes.find(({ route }) => route === "/api/auth/[...nextauth]")?.methods).toEqual([
      "GET",
      "POST",
    ]);
  });

  it("documents every method of every route, except the routes left out with a reason", () => {
    const served = routes
      .filter(({ route }) => !(route in undocumentedRoutes))
      .flatMap(({ route, methods }) => methods.map((method) => `${method} ${templated(route)}`));
    expect(served.filter((operation) => !documented.includes(operation))).toEqual([]);
  });

  it("documents no operation that no route serves", () => {
    const served = new Set(
      routes.flatMap(({ route, methods }) =>
        methods.map((method) => `${method} ${templated(route)}`),
      ),
    );
    expect(documented.filter((operation) => !served.has(operation))).toEqual([]);
  });

  it("leaves out only routes that exist, with the methods they serve", () => {
    const served = Object.fromEntries(routes.map(({ route, methods }) => [route, methods]));
    for (const [route, { methods }] of Object.entries(undocumentedRoutes)) {
      expect(served[route], route).toEqual(methods);
    }
  });
});
