// Limits a schema states, read back for the inputs: a text field's longest length becomes the
// input's maxLength, so a person meets the limit as she types rather than after posting. The
// schema stays the one source: its "errors.tooLong?max=N" message (text() in fields.ts and
// fields-mini.ts) carries the number.

interface Def {
  type?: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  in?: unknown;
  innerType?: unknown;
  checks?: { _zod?: { def?: { error?: (issue: unknown) => unknown } } }[];
}

const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/** The schemas a value passes through before its own checks: defaults, pipes, optionals. */
function* layers(schema: unknown): Generator<Def> {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = defOf(current);
    if (!def) return;
    yield def;
    current = def.in ?? def.innerType;
  }
}

function fieldSchema(schema: unknown, path: string[]): unknown {
  let current = schema;
  for (const part of path) {
    const container = [...layers(current)].find((def) => def.shape || def.element);
    if (!container) return undefined;
    current = container.shape ? container.shape[part] : container.element;
  }
  return current;
}

/** The longest text a field of the form's schema accepts ("title", "lines.0.item"), if it says. */
export function maxLengthOf(schema: unknown, name: string): number | undefined {
  for (const def of layers(fieldSchema(schema, name.split(".")))) {
    for (const check of def.checks ?? []) {
      let message: unknown;
      try {
        message = check._zod?.def?.error?.({});
      } catch {
        continue;
      }
      const max = typeof message === "string" ? /^errors\.tooLong\?max=(\d+)$/.exec(message)?.[1] : undefined;
      if (max) return Number(max);
    }
  }
  return undefined;
}
