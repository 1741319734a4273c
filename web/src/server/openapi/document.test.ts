import { describe, expect, it } from "vitest";
import { errorCodes } from "@ticketping/common/errors";
import { openApiDocument } from "./document";

const document = openApiDocument();
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "$ref" && typeof inner === "string" ? [inner] : refsIn(inner),
  );
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with an operation id of its own for each operation", () => {
    expect(document.openapi).toBe("3.1.0");
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("declares exactly the path parameters each path template names", () => {
    for (const { path, method, operation } of operations) {
      const named = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const declared = ((operation.parameters ?? []) as { name: string; in: string }[])
        .filter((parameter) => parameter.in === "path")
        .map((parameter) => parameter.name);
      expect(declared, `${method} ${path}`).toEqual(named);
    }
  });

  it("lists each error code under its own status", () => {
    for (const { path, method, operation } of operations) {
      const responses = operation.responses as Record<string, { content?: unknown }>;
      for (const [status, response] of Object.entries(responses)) {
        const codes = JSON.stringify(response.content ?? {}).match(/"enum":\[[^\]]*\]/);
        if (!codes || !status.match(/^[45]/)) continue;
        const listed = (JSON.parse(`{${codes[0]}}`) as { enum: (keyof typeof errorCodes)[] }).enum;
        for (const code of listed) {
          expect(errorCodes[code], `${method} ${path} ${code}`).toBe(Number(status));
        }
      }
    }
  });

  it("references only schemas it defines", () => {
    const defined = new Set(
      Object.keys(document.components.schemas).map((name) => `#/components/schemas/${name}`),
    );
    expect(refsIn(document).filter((ref) => !defined.has(ref))).toEqual([]);
  });

  it("describes times in answers as ISO strings, the way JSON carries a Date", () => {
    const summary = document.components.schemas.PerformanceSummary as {
      properties: Record<string, unknown>;
    };
    expect(summary.properties.firstShowAt).toMatchObject({ type: "string", format: "date-time" });
  });
});
