import { route } from "@/server/http/route";
import { openApiDocument } from "@/server/openapi/document";

let body: string | undefined;

/**
 * GET /api/openapi.json: the OpenAPI 3.1 document of this API, built from the routes' own
 * zod schemas once per process. It changes only with a deploy, so caches may keep it a
 * while, unlike every other answer.
 */
export const GET = route(() => {
  body ??= JSON.stringify(openApiDocument());
  return Promise.resolve(
    new Response(body, {
      headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
    }),
  );
});
