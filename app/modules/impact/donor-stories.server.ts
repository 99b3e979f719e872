import { sql } from "drizzle-orm";
import { db } from "../../infra/db.server";
import { consenting } from "../consents/ledger.server";
import { rowsOf, scopeCondition } from "./facts.server";
import type { ImpactFilters } from "./impact.schema";

// Stories and photos for the donor report (issue 16), from approved outcome reports of the
// grants the filters select. A story or a photo may show or name any woman of the group, so it
// goes to a donor only when every member of the group has consented (issue 15's ledger): to
// sharing with the donor for the story, to photos in donor reports for the photos. The report
// names no group: a story is told with its province and activity only.

/** The most stories one report carries: a page, not an annex. */
export const DONOR_STORIES = 4;
/** Photos shown with each story. */
const PHOTOS_PER_STORY = 2;

export interface DonorStory {
  reportId: string;
  story: string;
  provinceVi: string;
  provinceEn: string;
  activity: string | null;
  photoIds: string[];
}

interface StoryRow {
  report_id: string;
  group_id: string;
  story: string;
  province_vi: string;
  province_en: string;
  activity: string | null;
}

/** Whether every member of each group consents to `purpose`: the groups that do. */
async function wholeGroupsConsenting(groupIds: readonly string[], purpose: "photos" | "donor_figures"): Promise<Set<string>> {
  if (groupIds.length === 0) return new Set();
  const members = await rowsOf<{ id: string; group_id: string }>(
    sql`select id, group_id from group_members where group_id in (${sql.join(
      groupIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  const yes = await consenting(db, "member", members.map((m) => m.id), purpose);
  return new Set(groupIds.filter((g) => members.some((m) => m.group_id === g) && members.every((m) => m.group_id !== g || yes.has(m.id))));
}

/** Up to DONOR_STORIES stories of the filters' grants, newest first, each with its consented photos. */
export async function donorStories(filters: ImpactFilters): Promise<DonorStory[]> {
  // A few more than shown: some groups' consents will leave their stories out.
  const candidates = await rowsOf<StoryRow>(sql`
    select o.id as report_id, gr.group_id, o.story, p.name_vi as province_vi, p.name_en as province_en, a.activity_type as activity
    from outcome_reports o
    join grants gr on gr.id = o.grant_id
    join rounds r on r.id = gr.round_id
    join groups grp on grp.id = gr.group_id
    join provinces p on p.slug = grp.province_slug
    join applications a on a.id = gr.application_id
    where o.status = 'approved' and o.story <> '' and ${scopeCondition(filters)}
    order by o.reviewed_at desc nulls last, o.id
    limit ${DONOR_STORIES * 5}`);
  const groupIds = [...new Set(candidates.map((c) => c.group_id))];
  const [sharing, photographed] = await Promise.all([wholeGroupsConsenting(groupIds, "donor_figures"), wholeGroupsConsenting(groupIds, "photos")]);
  const chosen = candidates.filter((c) => sharing.has(c.group_id)).slice(0, DONOR_STORIES);
  const withPhotos = chosen.filter((c) => photographed.has(c.group_id)).map((c) => c.report_id);
  const photos =
    withPhotos.length === 0
      ? []
      : await rowsOf<{ id: string; report_id: string }>(
          sql`select id, report_id from outcome_report_photos where report_id in (${sql.join(
            withPhotos.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) order by created_at, id`,
        );
  return chosen.map((c) => ({
    reportId: c.report_id,
    story: c.story,
    provinceVi: c.province_vi,
    provinceEn: c.province_en,
    activity: c.activity,
    photoIds: photos.filter((p) => p.report_id === c.report_id).slice(0, PHOTOS_PER_STORY).map((p) => p.id),
  }));
}
