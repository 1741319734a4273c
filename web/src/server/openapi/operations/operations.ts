import { z } from "zod";
import { healthReportSchema } from "../../health/schemas";
import type { Operation } from "../operation";

const tag = "Operations";
const health = {
  200: { description: "PostgreSQL and Redis answer.", body: healthReportSchema },
  503: { description: "A check failed; it is marked `down`.", body: healthReportSchema },
};

/** The document itself, loosely: its own schema is OpenAPI's. */
const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export const operationsOperations: Operation[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "health",
    tag,
    summary: "Liveness: PostgreSQL and Redis",
    access: "public",
    answers: health,
    errors: [],
  },
  {
    method: "get",
    path: "/api/ready",
    operationId: "ready",
    tag,
    summary: "Readiness: send buyers here only while PostgreSQL and Redis answer",
    access: "public",
    answers: health,
    errors: [],
  },
  {
    method: "get",
    path: "/api/metrics",
    operationId: "metrics",
    tag,
    summary: "Prometheus metrics (text exposition format)",
    description:
      "With `METRICS_TOKEN` set it wants that bearer token (401 otherwise); unset, it is open outside production and off (404) in production.",
    access: "metrics",
    answers: { 200: { description: "The metrics.", contentType: "text/plain" } },
    errors: ["UNAUTHENTICATED", "NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openApiDocument",
    tag,
    summary: "This document (OpenAPI 3.1); the page /docs/api shows it to people",
    access: "public",
    answers: { 200: { description: "The document.", body: openApiDocumentSchema } },
    errors: [],
  },
];
