import { catalogFiltersSchema } from "../../performances/catalog-filters";
import {
  performanceAnswerSchema,
  performanceListSchema,
  performanceParamsSchema,
} from "../../performances/schemas";
import {
  fairnessParamsSchema,
  myPseudonymAnswerSchema,
  saleFairnessAnswerSchema,
} from "../../fairness/schemas";
import { saleReportAnswerSchema } from "../../fairness/report-schemas";
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
  {
    method: "get",
    path: "/api/performances/{slug}/fairness",
    operationId: "getSaleFairness",
    tag,
    summary:
      "The sale's committed pre-queue shuffle: the commitment, and after the opening the seed and the order",
    description:
      "`slug` may also be the performance id. Before the opening only `algorithm` and `commitment` are set (the other fields are null); the commitment is fixed before anyone can join the pre-queue and never changes. Once the pre-queue has been shuffled into the line, `seed`, `entrants` (join order) and `lineOrder` (the shuffled order, which is the admission order) are published, so anyone can check `sha256(seed) = commitment` and recompute `lineOrder` from `entrants` (docs/fairness.md; `npx ticketping-verify`). Drafts are `NOT_FOUND`.",
    access: "public",
    params: fairnessParamsSchema,
    answers: { 200: { description: "The fairness record.", data: saleFairnessAnswerSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/api/performances/{slug}/fairness/report",
    operationId: "getSaleReport",
    tag,
    summary:
      "The sale's fairness report: who entered, who was admitted and in what order, who was refused",
    description:
      'Published once the sale has closed (its booking window ended or the organizer closed it); before, `REPORT_NOT_PUBLIC` with `details.closesAt`. `slug` may also be the performance id. Figures come from the queue\'s own records (docs/fairness.md, "The fairness report"). Drafts are `NOT_FOUND`.',
    access: "public",
    params: fairnessParamsSchema,
    answers: { 200: { description: "The final report.", data: saleReportAnswerSchema } },
    errors: ["REPORT_NOT_PUBLIC", "SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/api/performances/{slug}/fairness/me",
    operationId: "getMyPseudonym",
    tag,
    summary: "The signed-in buyer's pseudonymous id in the sale's fairness record",
    description:
      "The same id for this buyer and sale every time, whether or not they joined; another sale gives another id. Look for it in `entrants` and `lineOrder` of `GET /api/performances/{slug}/fairness`.",
    access: "session",
    params: fairnessParamsSchema,
    answers: { 200: { description: "Your id.", data: myPseudonymAnswerSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
];
