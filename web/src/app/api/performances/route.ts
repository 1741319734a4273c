import { catalogFiltersSchema } from "@/server/performances/catalog-filters";
import { listPerformances } from "@/server/performances/list-performances";
import { parseSearchParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** GET /api/performances?q=&from=YYYY-MM-DD&to=YYYY-MM-DD&sale=on-sale|opening-soon */
export const GET = route(async (request) => {
  const filters = parseSearchParams(request, catalogFiltersSchema);
  const performances = await listPerformances({ filters });
  return jsonResponse({ performances });
});
