// What a log line must not carry (issue 18, item 9): a failed query's parameters. Drizzle puts them
// in its error's message ("Failed query: …\nparams: Lò Thị Hoa,1987,…"), and so in every stack and
// message that is logged; PostgreSQL quotes a refused value in its own message ("invalid input
// syntax for type uuid: \"…\""). Both are personal data typed by someone. The query's text stays:
// it says what failed without saying about whom.

const PARAMS = /\nparams: [\s\S]*?(?=\n\s+at |$)/g;
const QUOTED_INPUT = /(invalid input (?:syntax|value) for (?:type|enum) [\w ."]+?: )"(?:[^"\\]|\\.)*"/g;

/** The text with query parameters and quoted input values left out. */
export function scrubLogText(text: string): string {
  return text.replace(PARAMS, "\nparams: [left out]").replace(QUOTED_INPUT, '$1"[left out]"');
}

/** Every string in a log line's data, scrubbed (nested objects and arrays too). */
export function scrubLogData(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubLogText(value);
  if (depth > 5 || !value || typeof value !== "object") return value;
  if (value instanceof Error) return scrubLogText(value.stack ?? value.message);
  if (Array.isArray(value)) return value.map((v) => scrubLogData(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubLogData(v, depth + 1)]));
}
