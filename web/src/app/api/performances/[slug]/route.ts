import { z } from "zod";
import { getPerformance } from "@/server/performances/get-performance";
import { slugSchema } from "@/server/performances/slug";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

const paramsSchema = z.object({ slug: slugSchema });

/** GET /api/performances/:slug: schedules with seats left, grades, hall and sale phase. */
export const GET = route(async (_request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = parseParams(await params, paramsSchema);
  const performance = await getPerformance({ slug });
  return jsonResponse({ performance });
});
