import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The shape of the house, checked on every `npm test` (issue 11, DECISIONS.md 25): one Actor and
// one command result, module folders that form a chain, each module writing only its own tables,
// infra importing no domain, and notices leaving only through the notifications module. The
// checks read the source as text: they need no build and no database.

const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "testing" && entry.name !== "node_modules") out.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|fixtures\.ts$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

const files = sourceFiles(path.join(root, "app")).map((file) => ({
  file: path.relative(root, file),
  text: fs.readFileSync(file, "utf8"),
}));

/** The folder a file belongs to for the chain: a module folder, the kernel or infra. */
function unitOf(file: string): string | null {
  const parts = file.split(path.sep);
  if (parts[0] !== "app") return null;
  if (parts[1] === "modules" && parts.length > 3) return `modules/${parts[2]}`;
  if (parts[1] === "kernel" || parts[1] === "infra") return parts[1];
  return null;
}

function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']/g)) {
    found.push(path.normalize(path.join(path.dirname(file), match[1])));
  }
  return found;
}

/** unit → unit → the files that make the arrow. */
function unitGraph() {
  const graph = new Map<string, Map<string, Set<string>>>();
  for (const { file, text } of files) {
    const from = unitOf(file);
    if (!from) continue;
    for (const target of importsOf(file, text)) {
      const to = unitOf(`${target}.ts`);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      const arrows = graph.get(from)!;
      if (!arrows.has(to)) arrows.set(to, new Set());
      arrows.get(to)!.add(file);
    }
  }
  return graph;
}

/** Strongly connected components of more than one unit (Tarjan): each one is a loop. */
function loops(graph: Map<string, Map<string, Set<string>>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Table → the modules that own it, from the schema file that defines it (db/schema/<module>.ts). */
function tableOwners() {
  // auth.ts holds the people (users, roles) and the ways in (sessions, invitations, resets).
  const sharedFiles: Record<string, string[]> = { auth: ["auth", "users"] };
  const byVariable = new Map<string, string[]>();
  const bySqlName = new Map<string, string[]>();
  const dir = path.join(root, "db/schema");
  for (const name of fs.readdirSync(dir)) {
    const base = name.replace(/\.ts$/, "");
    const owners = (sharedFiles[base] ?? [base]).map((m) => `modules/${m}`);
    const text = fs.readFileSync(path.join(dir, name), "utf8");
    for (const match of text.matchAll(/export const (\w+) = pgTable\(\s*"(\w+)"/g)) {
      byVariable.set(match[1], owners);
      bySqlName.set(match[2], owners);
    }
  }
  return { byVariable, bySqlName };
}

describe("the shape of the code", () => {
  it("has one Actor and one command result, in the kernel", () => {
    const actors = files.filter(({ text }) => /^export (interface|type) Actor\b|^(interface|type) Actor\b/m.test(text)).map((f) => f.file);
    expect(actors).toEqual([path.join("app", "kernel", "actor.ts")]);
    // A type with `ok: false` in it is a command result (or its refused half); the form parser's
    // own result (what was typed, sent back with its errors) is the one other, in app/forms.
    const results = files
      .filter(({ file }) => !file.startsWith(path.join("app", "forms")))
      .filter(({ text }) => /^(export )?(type \w+(<[^>]*>)? =|interface \w+(<[^>]*>)? \{)[^;]*?ok: false/m.test(text))
      .map((f) => f.file);
    expect(results).toEqual([path.join("app", "kernel", "result.ts")]);
  });

  it("has one id guard and one reader of the database's refusals", () => {
    // A form schema may say a field holds an id (z.uuid() in *.schema.ts, shared with the browser);
    // everything else asks the kernel.
    const uuidGuards = files
      .filter(({ file, text }) => /\[0-9a-f\]\{8\}-/.test(text) || (!file.endsWith(".schema.ts") && /z\.uuid\(\)/.test(text)))
      .map((f) => f.file);
    expect(uuidGuards).toEqual([path.join("app", "kernel", "ids.ts")]);
    const causeWalks = files.filter(({ text }) => /\.cause\b/.test(text) && /constraint/.test(text)).map((f) => f.file);
    expect(causeWalks).toEqual([path.join("app", "kernel", "command.server.ts")]);
  });

  it("has module folders that form a chain, with no loop", () => {
    const graph = unitGraph();
    const described = loops(graph).map((loop) =>
      loop.flatMap((from) => loop.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to} (${[...graph.get(from)!.get(to)!].join(", ")})`)),
    );
    expect(described).toEqual([]);
  });

  it("has infra importing no module and no kernel", () => {
    const graph = unitGraph();
    expect([...(graph.get("infra")?.keys() ?? [])]).toEqual([]);
  });

  it("has each module writing only its own tables", () => {
    const { byVariable, bySqlName } = tableOwners();
    // The one exception, DECISIONS.md 46: erasing and correcting a person's data is done in one
    // place that knows where personal data sits in every module's tables (names, phones, files).
    const personalData: Record<string, string[]> = {
      [path.join("app", "modules", "privacy", "correction.server.ts")]: ["groupMembers"],
      [path.join("app", "modules", "privacy", "erasure.server.ts")]: ["groupMembers", "groups", "groupHandovers", "outcomeReportPhotos", "attachments", "notifications", "siteVisitPhotos"],
    };
    const trespasses: string[] = [];
    for (const { file, text } of files) {
      const unit = unitOf(file);
      if (!unit?.startsWith("modules/")) continue;
      for (const match of text.matchAll(/\.(insert|update|delete)\((\w+)\)/g)) {
        const owners = byVariable.get(match[2]);
        if (owners && !owners.includes(unit) && !personalData[file]?.includes(match[2])) trespasses.push(`${file}: ${match[1]} ${match[2]}`);
      }
      for (const match of text.matchAll(/\b(insert into|update|delete from)\s+"?(\w+)"?\s/gi)) {
        const owners = bySqlName.get(match[2]);
        if (owners && !owners.includes(unit) && !personalData[file]?.includes(match[2])) trespasses.push(`${file}: ${match[1]} ${match[2]}`);
      }
    }
    expect(trespasses).toEqual([]);
  });

  it("sends notices only through the notifications module", () => {
    const senders = files
      .filter(({ file }) => !file.startsWith(path.join("app", "modules", "notifications")))
      .filter(({ text }) => /(?<!function |\.)\b(queueEmail|notify|sendMail)\(/.test(text))
      .map((f) => f.file);
    expect(senders).toEqual([]);
  });

  it("finds what it checks (the checks above are not vacuous)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(unitGraph().size).toBeGreaterThan(10);
    expect(tableOwners().byVariable.size).toBeGreaterThan(20);
  });
});
