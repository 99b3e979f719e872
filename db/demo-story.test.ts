import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../app/infra/db.server";
import { seedDisbursementsDemo } from "./demo-disbursements";
import { seedGrantsDemo, trades } from "./demo-grants";
import { seedOutcomesDemo } from "./demo-outcomes";
import { seedReviewsDemo } from "./demo-reviews";
import { seedDemo } from "./seed";

// Issue 16, "demo data that tells one true story": the whole demo, seeded as `npm start` seeds
// it, read back as a visitor would read it. Each check names the rows that break it.

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await db.execute(query);
  return (
    Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows
  ) as T[];
}

beforeAll(async () => {
  await seedDemo();
  await seedGrantsDemo();
  await seedReviewsDemo();
  await seedDisbursementsDemo();
  await seedOutcomesDemo();
});

describe("the demo's dates are in order", () => {
  it("groups before their members' consent, applications started before sent, sent while their round was open", async () => {
    const wrong = await rows<{ title: string; problem: string }>(sql`
      select a.title, case
        when a.created_at < g.created_at then 'started before the group existed'
        when a.submitted_at < a.created_at then 'sent before it was started'
        when a.submitted_at < r.opens_at or a.submitted_at > r.closes_at then 'sent while its round was shut'
        when a.consent_at > a.submitted_at then 'consent after sending'
        when exists (select 1 from group_members m where m.group_id = g.id and m.consent_given_on > a.submitted_at::date) then 'members consented after it was sent'
      end as problem
      from applications a join groups g on g.id = a.group_id join rounds r on r.id = a.round_id`);
    expect(wrong.filter((w) => w.problem !== null)).toEqual([]);
  });

  it("clarifications asked after sending and answered after asking; reviews, decisions, acceptance and payments follow each other", async () => {
    const wrong = await rows<{ what: string; id: string }>(sql`
      select 'clarification' as what, c.id::text as id from clarifications c join applications a on a.id = c.application_id
        where c.asked_at < a.submitted_at or c.answered_at < c.asked_at
      union all
      select 'review', ra.id::text from review_assignments ra join applications a on a.id = ra.application_id
        where ra.submitted_at < a.submitted_at
      union all
      select 'decision', d.application_id::text from decisions d join applications a on a.id = d.application_id
        where d.decided_at < a.submitted_at
          or exists (select 1 from review_assignments ra where ra.application_id = a.id and ra.submitted_at > d.decided_at)
      union all
      select 'acceptance', g.id::text from grants g join decisions d on d.application_id = g.application_id
        where g.accepted_at < d.decided_at
      union all
      select 'payment ' || x.method || ' ' || x.status || ': ' || concat_ws(', ',
          case when x.paid_at < g.accepted_at or x.paid_on < (g.accepted_at at time zone 'Asia/Ho_Chi_Minh')::date then 'paid before acceptance' end,
          case when x.paid_at < t.condition_met_at then 'paid before due' end,
          case when x.approved_at < x.prepared_at then 'approved before prepared' end,
          case when x.paid_at < x.approved_at then 'paid before approved' end), x.id::text
        from disbursements x join grants g on g.id = x.grant_id join tranches t on t.id = x.tranche_id
        where x.paid_at < g.accepted_at or x.paid_on < (g.accepted_at at time zone 'Asia/Ho_Chi_Minh')::date or x.paid_at < t.condition_met_at or x.approved_at < x.prepared_at or x.paid_at < x.approved_at
      union all
      select 'report ' || o.key || ' ' || o.status || ': ' || concat_ws(', ',
          case when o.submitted_at < g.accepted_at and o.key <> 'baseline' then 'sent before acceptance' end,
          case when o.reviewed_at < o.submitted_at then 'reviewed before sent' end), o.id::text
        from outcome_reports o join grants g on g.id = o.grant_id
        -- The baseline is the application's own figures, given before the award.
        where (o.submitted_at < g.accepted_at and o.key <> 'baseline') or o.reviewed_at < o.submitted_at`);
    expect(wrong).toEqual([]);
  });

  it("the money came before the reports that followed it: a grant's first tranche is paid before its month-6 report is sent", async () => {
    const reporting = await rows<{ group: string; paid: boolean }>(sql`
      select g2.name as "group", exists (
        select 1 from disbursements x join tranches t on t.id = x.tranche_id
        where t.grant_id = o.grant_id and t.position = 1 and x.status = 'paid' and x.paid_at < o.submitted_at
      ) as paid
      from outcome_reports o join grants g on g.id = o.grant_id join groups g2 on g2.id = g.group_id
      where o.key <> 'baseline' and o.submitted_at is not null`);
    expect(reporting.length).toBeGreaterThan(5);
    expect(reporting.filter((r) => !r.paid)).toEqual([]);
  });

  it("names the groups the end-to-end journeys hand over and pay", async () => {
    const named = await rows<{ name: string }>(sql`select name from groups where name in ('Nhóm trồng sa nhân bản 34', 'Nhóm thảo dược làng 35') order by name`);
    expect(named.map((g) => g.name)).toEqual(["Nhóm thảo dược làng 35", "Nhóm trồng sa nhân bản 34"]);
  });
});

describe("the demo's groups are what their names say", () => {
  it("a group's name says its trade, its kind, and what its applications ask for", async () => {
    const groups = await rows<{
      name: string;
      kind: string;
      activities: string[];
      resources: string[];
    }>(sql`
      select g.name, g.kind::text as kind, array_agg(distinct a.activity_type::text) as activities, array_agg(distinct a.natural_resource) as resources
      from groups g join applications a on a.group_id = g.id group by g.id`);
    expect(groups.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const group of groups) {
      const trade = trades.find((t) =>
        group.name
          .toLowerCase()
          .includes(
            t.name.replace(/^(Nhóm|Tổ hợp tác|Hợp tác xã) /, "").toLowerCase(),
          ),
      );
      if (!trade) {
        wrong.push(`${group.name}: no trade`);
        continue;
      }
      if (group.activities.some((a) => a !== trade.activity))
        wrong.push(`${group.name}: asks for ${group.activities.join(", ")}`);
      if (group.resources.some((r) => r !== trade.resource))
        wrong.push(`${group.name}: lives from ${group.resources.join(", ")}`);
      const kind = /^(Tổ hợp tác|Hợp tác xã)/.test(group.name)
        ? "cooperative"
        : /^Chi hội phụ nữ/.test(group.name)
          ? "womens_union"
          : "informal";
      if (group.kind !== kind) wrong.push(`${group.name}: a ${group.kind}`);
    }
    expect(wrong).toEqual([]);
  });
});
