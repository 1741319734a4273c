/**
 * schemathesis.toml for one identity. Schemathesis applies each credential only where the
 * document's security asks for it, and fills path parameters and body fields from the
 * dictionaries of seeded ids most of the time (random values the rest), so operations
 * reach their real work instead of answering 404 to every random UUID.
 */
export interface FuzzIdentity {
  name: string;
  /** The value of next-auth's session cookie. */
  session?: string;
  workingToken?: string;
  /** Operation tags this identity fuzzes. */
  tags: string[];
}

export interface FuzzConfigOptions {
  baseUrl: string;
  /** Every request's X-Forwarded-For: the run's own rate-limit bucket. */
  clientIp: string;
  metricsToken: string;
  identity: FuzzIdentity;
  maxExamples: number;
  /** Ids by dictionary name. */
  dictionaries: Record<string, string[]>;
  /** Where a dictionary's values go: `path.<name>`, `query.<name>` or `body.<path>`. */
  bindings: Record<string, string>;
}

const quote = (value: string) => JSON.stringify(value);

export function schemathesisConfig(options: FuzzConfigOptions): string {
  const { identity } = options;
  const lines = [
    `base-url = ${quote(options.baseUrl)}`,
    // Mutations must look same-origin (CSRF_REJECTED otherwise), as the site's own pages do.
    `headers = { Origin = ${quote(options.baseUrl)}, "X-Forwarded-For" = ${quote(options.clientIp)} }`,
    "",
    "[generation]",
    `max-examples = ${options.maxExamples}`,
    // Credentials come from [auth] below, never made up.
    "with-security-parameters = false",
    "",
    // A refusal is any of these; 413 too (a body over 16 KB is refused before it is read).
    "[checks.negative_data_rejection]",
    "expected-statuses = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]",
    "",
    "[auth.openapi.metricsToken]",
    `bearer = ${quote(options.metricsToken)}`,
  ];
  if (identity.session) {
    lines.push("", "[auth.openapi.session]", `api_key = ${quote(identity.session)}`);
  }
  if (identity.workingToken) {
    lines.push("", "[auth.openapi.workingToken]", `api_key = ${quote(identity.workingToken)}`);
  }
  lines.push("", "[dictionaries]");
  for (const [name, values] of Object.entries(options.dictionaries)) {
    lines.push(`${name} = { values = [${values.map(quote).join(", ")}] }`);
  }
  lines.push("", "[parameters]");
  for (const [target, dictionary] of Object.entries(options.bindings)) {
    lines.push(`${quote(target)} = { dictionary = ${quote(dictionary)}, probability = 0.8 }`);
  }
  return `${lines.join("\n")}\n`;
}
