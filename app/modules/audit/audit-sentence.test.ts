import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/i18n";
import { changeRequestMachine, grantVersionMachine } from "../amendments/machine";
import { applicationMachine } from "../applications/machine";
import { disbursementMachine } from "../disbursements/machine";
import { moneyReturnMachine } from "../disbursements/returns-machine";
import { grantMachine } from "../grants/machine";
import { reportMachine } from "../outcomes/machine";
import { roundMachine } from "../programmes/machine";
import { reviewMachine } from "../reviews/machine";
import { followUpMachine } from "../visits/follow-up-machine";
import { spendingMachine } from "../spending/machine";
import { auditWhat } from "./audit-sentence";

// Issue 16: the audit log reads as sentences. Every action the code writes, and every state a
// machine moves an entity to, has its words in both languages: none falls back to its raw code
// (the page tour found "group.stripe_account_set" on a Vietnamese page).

const root = path.resolve(__dirname, "../../..");

/** The actions written as literals anywhere in the app and the seeds (tests' own made-up ones aside). */
function writtenActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(file, "utf8");
        for (const match of text.matchAll(/action: (?:[\w.]+ \? )?"([a-z_]+\.[a-z_.]+)"(?: : "([a-z_]+\.[a-z_.]+)")?/g)) {
          found.add(match[1]);
          if (match[2]) found.add(match[2]);
        }
      }
    }
  };
  walk(path.join(root, "app"));
  walk(path.join(root, "db"));
  return [...found].sort();
}

const machines = [
  applicationMachine,
  disbursementMachine,
  moneyReturnMachine,
  grantMachine,
  reportMachine,
  roundMachine,
  reviewMachine,
  followUpMachine,
  grantVersionMachine,
  changeRequestMachine,
  spendingMachine,
];

describe("the audit log's words", () => {
  for (const locale of ["vi", "en"] as const) {
    const t = translator(locale);
    it(`say every written action and every machine's state in ${locale}, never the raw code`, () => {
      const actions = writtenActions();
      expect(actions.length).toBeGreaterThan(40);
      const raw = actions.filter((action) => auditWhat(t, action, action.slice(0, action.indexOf("."))).includes(action));
      const states = machines.flatMap((m) => m.states.map((state) => `${m.entity}.${state}`));
      const rawStates = states.filter((action) => auditWhat(t, action, action.slice(0, action.indexOf("."))).includes(action));
      expect([...raw, ...rawStates]).toEqual([]);
    });
  }
});
