import type { Metadata } from "next";
import { DocText } from "@/components/api-reference/doc-text";
import { OperationCard, operationAnchor } from "@/components/api-reference/operation-card";
import { SchemaView, schemaAnchor } from "@/components/api-reference/schema-view";
import { openApiDocument } from "@/server/openapi/document";

export const metadata: Metadata = { title: "API reference" };

/**
 * The OpenAPI document for people: every operation by tag with its parameters, body,
 * answers and error codes, then the named schemas. Rendered on the server from the same
 * document /api/openapi.json serves; no script of its own.
 */
export default function ApiReferencePage() {
  const document = openApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  const tagOf = (operation: Record<string, unknown>) => (operation.tags as string[])[0];
  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold tracking-tight">
          {document.info.title} <span className="text-slate-500">{document.info.version}</span>
        </h1>
        <DocText text={document.info.description} className="text-slate-700" />
        <p>
          Machine-readable:{" "}
          <a href="/api/openapi.json" className="font-semibold text-brand-700 hover:underline">
            /api/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </header>
      <nav aria-label="Operations" className="rounded-xl border border-slate-200 bg-white p-4">
        <ul className="grid gap-x-6 gap-y-1 text-sm md:grid-cols-2">
          {operations.map(({ path, method }) => (
            <li key={`${method} ${path}`}>
              <a href={`#${operationAnchor(method, path)}`} className="font-mono hover:underline">
                <span className="font-semibold uppercase">{method}</span> {path}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {document.tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="flex flex-col gap-4">
          <h2 id={`tag-${tag.name}`} className="text-xl font-bold">
            {tag.name}
          </h2>
          <p className="text-slate-700">{tag.description}</p>
          {operations
            .filter(({ operation }) => tagOf(operation) === tag.name)
            .map(({ path, method, operation }) => (
              <OperationCard
                key={`${method} ${path}`}
                method={method}
                path={path}
                operation={operation}
              />
            ))}
        </section>
      ))}
      <section aria-labelledby="schemas" className="flex flex-col gap-4">
        <h2 id="schemas" className="text-xl font-bold">
          Schemas
        </h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <div key={name} id={schemaAnchor(name)} className="flex flex-col gap-1">
            <h3 className="font-mono font-semibold">{name}</h3>
            <SchemaView schema={schema} />
          </div>
        ))}
      </section>
    </div>
  );
}
