import { catalogFiltersSchema } from "../../performances/catalog-filters";
import {
  performanceAnswerSchema,
  performanceListSchema,
  performanceParamsSchema,
} from "../../performances/schemas";
import type { Operation } from "../operation";

const tag = "Catalog";

export const catalogOperations: Operation[] = [
  {
    method: "get",
    path: "/api/performances",
    operationId: "listPerformances",
    tag,
    summary: "Published and closed performances with at least one show, soonest first",
    description:
      "`from`/`to` are UTC days and match performances with a show on those days; `sale=on-sale` means inside the booking window with seats left, `sale=opening-soon` before it. Empty parameters are ignored.",
    access: "public",
    query: catalogFiltersSchema,
    answers: { 200: { description: "The catalog.", data: performanceListSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/api/performances/{slug}",
    operationId: "getPerformance",
    tag,
    summary: "One performance: hall, grades, shows with seats left, booking window and phase",
    description: "Drafts are `NOT_FOUND`.",
    access: "public",
    params: performanceParamsSchema,
    answers: { 200: { description: "The performance.", data: performanceAnswerSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
];
