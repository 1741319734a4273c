import { operations, undocumentedRoutes } from "../openapi/operations";

interface RouteMethods {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/api/holds/{reservationId}` or `/api/auth/[...nextauth]` as a regular expression. */
function patternOf(template: string): RegExp {
  const source = template
    .split("/")
    .map((segment) => {
      if (/^\[\.\.\.[^\]]+\]$/.test(segment)) return ".+";
      if (/^\{[^}]+\}$/.test(segment) || /^\[[^\]]+\]$/.test(segment)) return "[^/]+";
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}$`);
}

let table: RouteMethods[] | undefined;

function routeTable(): RouteMethods[] {
  if (table) return table;
  const byTemplate = new Map<string, Set<string>>();
  for (const operation of operations) {
    const methods = byTemplate.get(operation.path) ?? new Set<string>();
    methods.add(operation.method.toUpperCase());
    byTemplate.set(operation.path, methods);
  }
  for (const [route, { methods }] of Object.entries(undocumentedRoutes)) {
    byTemplate.set(route, new Set(methods));
  }
  table = [...byTemplate].map(([template, methods]) => ({
    pattern: patternOf(template),
    methods,
  }));
  return table;
}

/**
 * The methods a path answers, for the Allow header of a 405, as Next.js serves them: the
 * route's own, HEAD wherever GET is, and OPTIONS. Undefined for an API path no route has.
 * Any other path is a page (GET, HEAD), the API's routes and the undocumented ones being
 * the only route handlers (the route-coverage test keeps both lists whole).
 */
export function allowedMethods(pathname: string): string[] | undefined {
  const route = routeTable().find(({ pattern }) => pattern.test(pathname));
  if (!route) return pathname.startsWith("/api/") ? undefined : ["GET", "HEAD"];
  const methods = new Set(route.methods);
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return [...methods].sort();
}
