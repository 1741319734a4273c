/** HTML that is already safe to insert: built by `html`, never from raw input. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | readonly (SafeHtml | string | number)[];

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

function insert(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((item: Interpolation) => insert(item)).join("");
  return escapeHtml(String(value));
}

/**
 * A tagged template that escapes every interpolated string: a performance or buyer name
 * holding markup cannot inject it into a mail. Nested `html` fragments go in as they are.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += insert(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}
