import type { JsonSchema } from "@/server/openapi/build-document";
import { DocText } from "./doc-text";
import { SchemaView } from "./schema-view";

const methodStyles: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-violet-100 text-violet-800",
  delete: "bg-rose-100 text-rose-800",
};

/** Security requirements in words: each entry is one way in. */
function accessText(security: JsonSchema[] | undefined): string {
  if (!security) return "Anyone.";
  return security
    .map((requirement) => {
      const schemes = Object.entries(requirement as Record<string, string[]>);
      if (schemes.length === 0) return "anyone (where no token is configured)";
      return schemes
        .map(([name, roles]) => (roles.length > 0 ? `${name} (${roles.join(", ")})` : name))
        .join(" + ");
    })
    .join(", or ");
}

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export function operationAnchor(method: string, path: string): string {
  return `${method}-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

export function OperationCard({
  method,
  path,
  operation,
}: {
  method: string;
  path: string;
  operation: JsonSchema;
}) {
  const parameters = (operation.parameters ?? []) as Parameter[];
  const body = (
    operation.requestBody as { content: Record<string, { schema: JsonSchema }> } | undefined
  )?.content["application/json"]?.schema;
  const responses = operation.responses as Record<
    string,
    { description: string; content?: Record<string, { schema: JsonSchema }> }
  >;
  return (
    <article
      id={operationAnchor(method, path)}
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span
          className={`rounded px-2 py-0.5 text-xs font-bold uppercase ${methodStyles[method] ?? ""}`}
        >
          {method}
        </span>
        <span className="font-semibold">{path}</span>
      </h3>
      <p className="font-medium">{operation.summary as string}</p>
      {typeof operation.description === "string" && (
        <DocText text={operation.description} className="text-sm text-slate-700" />
      )}
      <p className="text-sm">
        <span className="font-semibold">Who: </span>
        {accessText(operation.security as JsonSchema[] | undefined)}
      </p>
      {parameters.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="text-left font-semibold">Parameters</caption>
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-medium">name</th>
              <th className="py-1 pr-3 font-medium">in</th>
              <th className="py-1 font-medium">type</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((parameter) => (
              <tr key={`${parameter.in}-${parameter.name}`} className="border-t border-slate-100">
                <td className="py-1 pr-3 font-mono">
                  {parameter.name}
                  {parameter.required ? "" : "?"}
                </td>
                <td className="py-1 pr-3">{parameter.in}</td>
                <td className="py-1">
                  <SchemaView schema={parameter.schema} />
                  {parameter.description && (
                    <span className="text-slate-600">{parameter.description}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && (
        <div className="flex flex-col gap-1 text-sm">
          <h4 className="font-semibold">Body (application/json)</h4>
          <SchemaView schema={body} />
        </div>
      )}
      <div className="flex flex-col gap-2 text-sm">
        <h4 className="font-semibold">Answers</h4>
        <dl className="flex flex-col gap-2">
          {Object.entries(responses).map(([status, response]) => {
            const [contentType, content] = Object.entries(response.content ?? {})[0] ?? [];
            return (
              <div key={status} className="flex flex-col gap-1 border-t border-slate-100 pt-2">
                <dt className="font-mono font-semibold">
                  {status}
                  {contentType && (
                    <span className="ml-2 font-normal text-slate-500">{contentType}</span>
                  )}
                </dt>
                <dd className="flex flex-col gap-1">
                  <DocText text={response.description} className="text-slate-700" />
                  {content && status.startsWith("2") && <SchemaView schema={content.schema} />}
                </dd>
              </div>
            );
          })}
        </dl>
      </div>
    </article>
  );
}
