import type { ReactNode } from "react";
import type { JsonSchema } from "@/server/openapi/build-document";

const COMPONENT_PREFIX = "#/components/schemas/";
const INDENT = "  ";

export function schemaAnchor(name: string): string {
  return `schema-${name}`;
}

/** Constraints worth a reader's eye; long regular expressions are left to the JSON. */
function constraints(schema: JsonSchema): string {
  const notes: string[] = [];
  if (typeof schema.format === "string") notes.push(schema.format);
  for (const [key, label] of [
    ["minimum", "≥"],
    ["maximum", "≤"],
    ["minLength", "length ≥"],
    ["maxLength", "length ≤"],
    ["minItems", "items ≥"],
    ["maxItems", "items ≤"],
  ] as const) {
    const value = schema[key];
    // zod writes the safe-integer bounds on every int: they say nothing.
    if (typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER) {
      notes.push(`${label} ${value}`);
    }
  }
  if (typeof schema.pattern === "string" && schema.pattern.length <= 40) {
    notes.push(`/${schema.pattern}/`);
  }
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  return notes.length > 0 ? ` (${notes.join(", ")})` : "";
}

function typeNode(schema: JsonSchema, depth: number): ReactNode {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith(COMPONENT_PREFIX)) {
    const name = ref.slice(COMPONENT_PREFIX.length);
    return (
      <a href={`#${schemaAnchor(name)}`} className="font-semibold text-brand-700 hover:underline">
        {name}
      </a>
    );
  }
  if (Array.isArray(schema.enum)) {
    return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  }
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants) {
    return variants.map((variant, index) => (
      <span key={index}>
        {index > 0 && " | "}
        {typeNode(variant, depth)}
        {constraints(variant)}
      </span>
    ));
  }
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "array") {
    if (Array.isArray(schema.prefixItems)) {
      const items = schema.prefixItems as JsonSchema[];
      return (
        <>
          [
          {items.map((item, index) => (
            <span key={index}>
              {index > 0 && ", "}
              {typeNode(item, depth)}
              {typeof item.description === "string" && ` /* ${item.description} */`}
            </span>
          ))}
          ]
        </>
      );
    }
    const items = (schema.items ?? {}) as JsonSchema;
    const simple = items.$ref !== undefined || items.type !== "object";
    return (
      <>
        {simple ? typeNode(items, depth) : <>Array&lt;{typeNode(items, depth)}&gt;</>}
        {simple && "[]"}
        {constraints({ minItems: schema.minItems, maxItems: schema.maxItems })}
      </>
    );
  }
  if (schema.type === "object" && schema.properties) {
    const properties = schema.properties as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    const pad = INDENT.repeat(depth + 1);
    return (
      <>
        {"{"}
        {Object.entries(properties).map(([name, property]) => (
          <span key={name}>
            {`\n${pad}${name}${required.has(name) ? "" : "?"}: `}
            {typeNode(property, depth + 1)}
            {constraints(property)}
            {typeof property.description === "string" && (
              <span className="text-slate-400">{` // ${property.description}`}</span>
            )}
          </span>
        ))}
        {`\n${INDENT.repeat(depth)}}`}
      </>
    );
  }
  if (schema.type === "object") return "object";
  if (typeof schema.type === "string") return schema.type;
  return "any";
}

/** A JSON schema as a TypeScript-like type: named schemas link to their definitions. */
export function SchemaView({ schema }: { schema: JsonSchema }) {
  return (
    // Focusable: a keyboard can scroll a type wider than the screen (no link inside may be).
    <pre
      tabIndex={0}
      className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100 [&_a]:text-sky-300"
    >
      {typeNode(schema, 0)}
      {constraints(schema)}
    </pre>
  );
}
