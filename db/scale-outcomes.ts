import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { inArray, sql } from "drizzle-orm";
import { programmes, rounds, users, type ReportScheduleItem, type TrancheTemplateItem } from "./schema";
import { seedDemo } from "./seed";
import { db, openDatabase } from "../app/infra/db.server";
import { splitTranches } from "../app/modules/grants/tranche-split";
import { dueDate } from "../app/modules/outcomes/due.server";
import { BASELINE_LABELS } from "../app/modules/outcomes/schedule.server";

// `npm run seed:scale -- --groups 20000`: a programme at scale for the impact dashboard, its
// exports and their benchmark. Two rounds; per group a roster, an approved application, an
// accepted grant with three tranches, the disbursements already paid, and ten outcome reports
// (the baseline and nine quarterly reports: 20,000 groups give 200,000 reports), most approved,
// incomes drifting upward with noise and some falling.
//
// Rows are made in JavaScript from a seeded generator (the same --seed gives the same figures)
// and go in 500 groups at a time, one transaction per batch, each table in ONE statement that
// reads the batch as JSON (`jsonb_to_recordset`): one parameter per statement whatever the batch
// size, which both drivers (postgres-js and PGlite) take, and no per-row round trips.
// No decisions rows: the decisions table's budget trigger re-sums the whole round for every row
// (quadratic for a bulk load), and nothing here reads them; the applications say "approved".
// No audit rows either: this is volume to measure against, not a history anyone will read.

const BATCH = 500;
const DAY = 86_400_000;

/** mulberry32: small, fast and good enough for test data; seeded so runs are repeatable. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const weighted = <T>(entries: readonly (readonly [T, number])[]) => {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
  return { next, normal, int, pick, weighted };
}

type Random = ReturnType<typeof generator>;

// Ethnic groups of the programme's groups (codes of reference/ethnic-groups.json), skewed to the
// peoples of the northern and central highlands such programmes work with, and where they live
// (provinces since 1 July 2025: Hà Giang is in Tuyên Quang, Kon Tum in Quảng Ngãi, Bắc Giang in
// Bắc Ninh, Yên Bái in Lào Cai).
const MAIN_ETHNICITIES: readonly (readonly [string, number, readonly string[]])[] = [
  ["08", 22, ["lao-cai", "dien-bien", "lai-chau", "son-la", "tuyen-quang", "nghe-an", "thanh-hoa"]], // Mông
  ["09", 14, ["lao-cai", "tuyen-quang", "thai-nguyen", "cao-bang", "lang-son", "quang-ninh"]], // Dao
  ["03", 14, ["son-la", "dien-bien", "lai-chau", "nghe-an", "thanh-hoa"]], // Thái
  ["02", 12, ["cao-bang", "lang-son", "tuyen-quang", "thai-nguyen", "lao-cai"]], // Tày
  ["07", 8, ["lang-son", "cao-bang", "thai-nguyen", "bac-ninh"]], // Nùng
  ["14", 7, ["quang-ngai"]], // Xơ-đăng
  ["13", 6, ["gia-lai", "quang-ngai"]], // Ba-na
  ["10", 3, ["gia-lai"]], // Gia-rai
  ["06", 3, ["phu-tho", "thanh-hoa", "ninh-binh"]], // Mường
  ["29", 1.5, ["nghe-an", "dien-bien", "son-la"]], // Khơ-mú
  ["35", 1, ["lai-chau", "lao-cai"]], // Hà Nhì
  ["25", 1, ["lao-cai", "lai-chau"]], // Giáy
  ["12", 1, ["dak-lak"]], // Ê-đê
  ["26", 1, ["da-nang", "hue"]], // Cơ-tu
  ["19", 1, ["quang-ngai"]], // Hrê
  ["01", 2, ["lao-cai", "son-la", "nghe-an", "quang-ngai", "gia-lai"]], // Kinh
];
const OTHER_CODES = Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, "0")).filter(
  (code) => !MAIN_ETHNICITIES.some(([c]) => c === code),
);
const ETHNIC_WEIGHTS: readonly (readonly [string, number])[] = [
  ...MAIN_ETHNICITIES.map(([code, weight]) => [code, weight] as const),
  // Every one of the 54 appears somewhere, rarely.
  ...OTHER_CODES.map((code) => [code, 0.1] as const),
];
const PROVINCES_OF = new Map(MAIN_ETHNICITIES.map(([code, , provinces]) => [code, provinces]));
const NORTHERN = ["lao-cai", "tuyen-quang", "son-la", "dien-bien", "lai-chau", "cao-bang", "lang-son", "thai-nguyen"];

const SURNAMES: Record<string, readonly string[]> = {
  "08": ["Giàng", "Sùng", "Vàng", "Thào", "Lý", "Mua", "Hờ"],
  "09": ["Triệu", "Bàn", "Đặng", "Lý", "Chảo", "Phùng"],
  "03": ["Lò", "Cầm", "Lường", "Quàng", "Vi", "Hà"],
  "02": ["Hoàng", "Nông", "Ma", "Lương", "Bế"],
  "07": ["Hoàng", "Nông", "Lành", "Vy", "Chu"],
  "14": ["A", "Y", "Đinh"],
  "13": ["Đinh", "Y", "Siu"],
};
const GIVEN = ["Mai", "Dế", "Pà", "Mỷ", "Hoa", "Lan", "Sinh", "Dua", "Chi", "Ly", "Nga", "Thu", "Hương", "Xuân", "Blơ", "Hen", "Mây", "Sen", "Dính", "Pằng"];

const ACTIVITIES: readonly (readonly [string, number])[] = [
  ["forest_products", 20],
  ["agroforestry", 18],
  ["medicinal_herbs", 15],
  ["handicrafts", 14],
  ["bamboo_rattan", 10],
  ["livestock", 10],
  ["eco_tourism", 6],
  ["seed_bank", 5],
  ["other", 2],
];
const PROJECTS: Record<string, readonly [string, string]> = {
  forest_products: ["Thu hái và sơ chế măng rừng", "Măng rừng"],
  agroforestry: ["Trồng quế dưới tán rừng", "Đất rừng sản xuất"],
  medicinal_herbs: ["Trồng và sơ chế cây thuốc nam", "Dược liệu dưới tán rừng"],
  handicrafts: ["Dệt thổ cẩm bán cho khách", "Sợi lanh, chàm"],
  bamboo_rattan: ["Đan mây tre xuất khẩu", "Mây, tre"],
  livestock: ["Chăn nuôi lợn bản địa trên đất chung", "Đồng cỏ chung"],
  eco_tourism: ["Du lịch cộng đồng tại bản", "Cảnh quan rừng"],
  seed_bank: ["Ngân hàng giống lúa nương", "Giống bản địa"],
  other: ["Chế biến nông sản", "Nông sản"],
};

/** Nine quarterly reports after the baseline; tranches wait for the month-12 and the final one. */
const SCHEDULE: ReportScheduleItem[] = Array.from({ length: 9 }, (_, i) => {
  const months = 3 * (i + 1);
  const last = i === 8;
  return {
    key: last ? "final" : `m${months}`,
    months,
    labelVi: last ? "Báo cáo cuối kỳ" : `Báo cáo tháng thứ ${months}`,
    labelEn: last ? "Final report" : `Month-${months} report`,
  };
});
const TEMPLATE: TrancheTemplateItem[] = [
  { percent: 50, waitsFor: "signing" },
  { percent: 30, waitsFor: { report: "m12" } },
  { percent: 20, waitsFor: { report: "final" } },
];

interface Staff {
  admin: string;
  finance: string;
  finance2: string;
  facilitator: string;
}

type Row = Record<string, string | number | boolean | null>;

/**
 * One INSERT of many rows: the rows travel as one JSON parameter and PostgreSQL turns them into
 * a record set with the given column types (enums and uuids parsed by their own input functions).
 */
async function insertJson(table: string, columns: readonly (readonly [string, string])[], rows: Row[], run: (query: ReturnType<typeof sql>) => Promise<unknown>) {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(", ");
  const types = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  await run(sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(types)})`);
}

const isoDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

interface RoundPlan {
  id: string;
  /** When its grants were accepted: a window of days before now. */
  acceptedDaysAgo: [number, number];
  share: number;
}

function makeBatch(random: Random, start: number, count: number, plan: readonly RoundPlan[], staff: Staff, now: number) {
  const groups: Row[] = [];
  const members: Row[] = [];
  const applications: Row[] = [];
  const grants: Row[] = [];
  const tranches: Row[] = [];
  const disbursements: Row[] = [];
  const reports: Row[] = [];
  for (let n = start; n < start + count; n++) {
    const round = random.next() < plan[0].share ? plan[0] : plan[1];
    const ethnicity = random.weighted(ETHNIC_WEIGHTS);
    const province = random.pick(PROVINCES_OF.get(ethnicity) ?? NORTHERN);
    const activity = random.weighted(ACTIVITIES);
    const [project, resource] = PROJECTS[activity];
    const surnames = SURNAMES[ethnicity] ?? ["Lò", "Hà", "Vi", "Đinh"];
    const village = `Bản ${random.pick(["Nậm", "Pác", "Khuổi", "Tả", "Lũng", "Plei", "Kon", "Na", "Huổi"])} ${random.pick(["Cang", "Ngòi", "Phìn", "Van", "Chải", "Rơ", "Đo", "Mòn", "Sáng"])} ${1 + (n % 9)}`;
    const groupId = randomUUID();
    const leader = `${random.pick(surnames)} Thị ${random.pick(GIVEN)}`;
    groups.push({
      id: groupId,
      name: `Nhóm ${project.split(" ").slice(0, 3).join(" ").toLowerCase()} ${village} (${n + 1})`,
      kind: random.weighted([["informal", 55], ["cooperative", 20], ["womens_union", 22], ["other", 3]] as const),
      province_slug: province,
      commune: `Xã ${random.pick(["Bản Hồ", "Tả Phìn", "Nậm Cang", "Mường Lống", "Đăk Tô", "Kon Plông", "Pà Cò", "Tà Xi Láng"])}`,
      village,
      year_formed: random.int(2008, 2024),
      leader_name: leader,
      phone: `+849${String(10_000_000 + n).slice(-8)}`,
    });

    // Rosters: 6 to 20 members, mostly women of the group's people, some neighbours, a few
    // who preferred not to say.
    const size = random.int(6, 20);
    const men = random.next() < 0.6 ? 0 : random.int(1, Math.floor(size / 3));
    let women = 0;
    for (let m = 0; m < size; m++) {
      const female = m === 0 || m >= men;
      if (female) women++;
      const roll = random.next();
      const code = roll < 0.82 ? ethnicity : roll < 0.96 ? random.weighted(ETHNIC_WEIGHTS) : null;
      const oral = random.next() < 0.25;
      members.push({
        group_id: groupId,
        name: m === 0 ? leader : `${random.pick(surnames)} ${female ? "Thị" : "Văn"} ${random.pick(GIVEN)}`,
        gender: female ? "female" : "male",
        ethnicity_code: code,
        birth_year: random.int(1962, 2005),
        role: m === 0 ? "leader" : m === 1 ? "treasurer" : "member",
        consent_given_on: isoDate(now - random.int(900, 1400) * DAY),
        consent_method: oral ? "oral_witnessed" : "signed",
        consent_witness: oral ? "Lò Thị Hoa (cán bộ hỗ trợ)" : null,
        consent_recorded_by: staff.facilitator,
      });
    }

    // Baseline around 1.6 million đồng per member per month (log-normal), in steps of 10,000.
    const baseline = Math.min(8_000_000, Math.max(300_000, Math.round((1_600_000 * Math.exp(0.45 * random.normal())) / 10_000) * 10_000));
    const award = BigInt(random.int(40, 300)) * 1_000_000n;
    const acceptedAt = now - random.int(round.acceptedDaysAgo[0], round.acceptedDaysAgo[1]) * DAY;
    const submittedAt = acceptedAt - random.int(40, 90) * DAY;
    const applicationId = randomUUID();
    const womenTakingPart = Math.max(1, women - random.int(0, 2));
    applications.push({
      id: applicationId,
      round_id: round.id,
      group_id: groupId,
      status: "approved",
      step: 6,
      title: `${project} — ${village}`,
      activity_type: activity,
      natural_resource: resource,
      location: village,
      problem: "Thu nhập thấp và bấp bênh; tài nguyên bị khai thác quá mức.",
      plan: "Tập huấn kỹ thuật, mua dụng cụ chung, sơ chế và bán chung qua hợp tác xã.",
      members_taking_part: size,
      women_taking_part: womenTakingPart,
      baseline_income: baseline,
      target_income: Math.round((baseline * 1.5) / 10_000) * 10_000,
      environmental_care: "Khai thác luân phiên, trồng bù, không chặt cây non.",
      requested_amount: Number(award),
      consent_at: iso(submittedAt),
      submitted_at: iso(submittedAt),
    });

    // The income path: a yearly trend (mean +18 %, wide: about one group in five falls) and
    // noise on each report.
    const trend = 0.18 + 0.22 * random.normal();
    const grantId = randomUUID();
    const parts = splitTranches(award, TEMPLATE);
    const trancheIds = parts.map(() => randomUUID());
    const approvedKeys = new Set<string>();
    const approvedAt = new Map<string, number>();

    reports.push({
      grant_id: grantId,
      key: "baseline",
      label_vi: BASELINE_LABELS.labelVi,
      label_en: BASELINE_LABELS.labelEn,
      months: 0,
      status: "approved",
      avg_monthly_income: baseline,
      sales: null,
      women_earning: womenTakingPart,
      area_sqm: null,
      quantity_produced: null,
      quantity_unit: "",
      story: "",
      submitted_at: iso(submittedAt),
      submitted_by: null,
      reviewed_at: iso(acceptedAt),
      reviewed_by: staff.admin,
      review_message: null,
      reminded_due_soon_at: null,
      reminded_overdue_at: null,
    });
    let womenEarning = womenTakingPart;
    for (const item of SCHEDULE) {
      const due = dueDate(new Date(acceptedAt), item.months)!.getTime();
      const age = now - due;
      let status: string;
      if (age < 0) status = "pending";
      else if (age < 45 * DAY) status = random.weighted([["pending", 15], ["draft", 20], ["submitted", 35], ["changes_requested", 10], ["approved", 20]] as const);
      else status = random.weighted([["approved", 95], ["submitted", 3], ["changes_requested", 2]] as const);
      const filled = status !== "pending" && status !== "draft";
      const income = Math.max(0, Math.round((baseline * Math.pow(1 + trend, item.months / 12) * (1 + 0.07 * random.normal())) / 1000) * 1000);
      womenEarning = Math.min(women, womenEarning + (random.next() < 0.3 ? 1 : 0));
      const submitted = due + random.int(0, 20) * DAY;
      const reviewed = Math.min(now, submitted + random.int(1, 15) * DAY);
      if (status === "approved") {
        approvedKeys.add(item.key);
        approvedAt.set(item.key, reviewed);
      }
      reports.push({
        grant_id: grantId,
        key: item.key,
        label_vi: item.labelVi,
        label_en: item.labelEn,
        months: item.months,
        status,
        avg_monthly_income: filled ? income : null,
        sales: filled ? income * size * 3 : null,
        women_earning: filled ? womenEarning : null,
        area_sqm: filled && (activity === "agroforestry" || activity === "forest_products" || activity === "medicinal_herbs") ? random.int(5, 40) * 1000 : null,
        quantity_produced: filled && activity === "handicrafts" ? String(random.int(20, 200)) : null,
        quantity_unit: filled && activity === "handicrafts" ? "tấm vải" : "",
        story: status === "approved" && random.next() < 0.2 ? "Chị em đã bán chung được giá tốt hơn ở chợ phiên." : "",
        submitted_at: filled ? iso(Math.min(now, submitted)) : null,
        submitted_by: filled ? staff.facilitator : null,
        reviewed_at: status === "approved" || status === "changes_requested" ? iso(reviewed) : null,
        reviewed_by: status === "approved" || status === "changes_requested" ? staff.admin : null,
        review_message: status === "changes_requested" ? "Vui lòng ghi rõ số chị em có thu nhập từ hoạt động." : null,
        // The reminders these reports would already have had, so that the reminder job does not
        // send thousands of e-mails the first time a server starts on this data.
        reminded_due_soon_at: !filled && due - now < 30 * DAY ? iso(Math.min(now, due - 14 * DAY)) : null,
        reminded_overdue_at: !filled && age >= 0 ? iso(Math.min(now, due + DAY)) : null,
      });
    }

    // Tranches: signing met at acceptance; each report tranche once its report was approved.
    // The money followed: paid for every met tranche but a few still on their way.
    let paidAll = true;
    parts.forEach((part, i) => {
      const key = part.waitsFor === "signing" ? null : part.waitsFor.slice("report:".length);
      const metAt = key === null ? acceptedAt : approvedKeys.has(key) ? approvedAt.get(key)! : null;
      tranches.push({
        id: trancheIds[i],
        grant_id: grantId,
        position: part.position,
        percent: part.percent,
        amount: Number(part.amount),
        waits_for: part.waitsFor,
        condition_met_at: metAt === null ? null : iso(metAt),
        condition_met_by: metAt === null ? null : staff.admin,
      });
      if (metAt === null) {
        paidAll = false;
        return;
      }
      const recent = now - metAt < 20 * DAY;
      const status = recent ? random.weighted([["prepared", 30], ["approved", 30], ["paid", 40]] as const) : "paid";
      if (status !== "paid") paidAll = false;
      const method = random.weighted([["bank_transfer", 60], ["cash", 25], ["stripe", 15]] as const);
      const id = randomUUID();
      const preparedAt = Math.min(now, metAt + random.int(1, 7) * DAY);
      const paidAt = Math.min(now, preparedAt + random.int(1, 5) * DAY);
      disbursements.push({
        id,
        grant_id: grantId,
        tranche_id: trancheIds[i],
        amount: Number(part.amount),
        method,
        recipient_name: leader,
        bank_bin: method === "bank_transfer" ? "970405" : null,
        note: "",
        status,
        prepared_by: staff.finance,
        prepared_at: iso(preparedAt),
        approved_by: status === "prepared" ? null : staff.finance2,
        approved_at: status === "prepared" ? null : iso(preparedAt + 3_600_000),
        idempotency_key: method === "stripe" ? `disbursement-${id}` : null,
        stripe_transfer_id: method === "stripe" && status === "paid" ? `tr_scale_${id.replaceAll("-", "")}` : null,
        bank_reference: method === "bank_transfer" && status === "paid" ? `FT${String(n).padStart(8, "0")}${part.position}` : null,
        paid_on: status === "paid" ? isoDate(paidAt) : null,
        paid_at: status === "paid" ? iso(paidAt) : null,
      });
    });
    grants.push({
      id: grantId,
      application_id: applicationId,
      round_id: round.id,
      group_id: groupId,
      awarded_amount: Number(award),
      status: paidAll ? "completed" : "active",
      accepted_at: iso(acceptedAt),
      accepted_by: null,
      acceptance_consent: "Cả nhóm đồng ý trong cuộc họp bản, có biên bản.",
      created_at: iso(acceptedAt - random.int(3, 20) * DAY),
    });
  }
  return { groups, members, applications, grants, tranches, disbursements, reports };
}

const COLUMNS = {
  groups: [["id", "uuid"], ["name", "text"], ["kind", "group_kind"], ["province_slug", "text"], ["commune", "text"], ["village", "text"], ["year_formed", "int"], ["leader_name", "text"], ["phone", "text"]],
  group_members: [["group_id", "uuid"], ["name", "text"], ["gender", "gender"], ["ethnicity_code", "text"], ["birth_year", "int"], ["role", "text"], ["consent_given_on", "date"], ["consent_method", "consent_method"], ["consent_witness", "text"], ["consent_recorded_by", "uuid"]],
  applications: [["id", "uuid"], ["round_id", "uuid"], ["group_id", "uuid"], ["status", "application_status"], ["step", "int"], ["title", "text"], ["activity_type", "text"], ["natural_resource", "text"], ["location", "text"], ["problem", "text"], ["plan", "text"], ["members_taking_part", "int"], ["women_taking_part", "int"], ["baseline_income", "bigint"], ["target_income", "bigint"], ["environmental_care", "text"], ["requested_amount", "bigint"], ["consent_at", "timestamptz"], ["submitted_at", "timestamptz"]],
  grants: [["id", "uuid"], ["application_id", "uuid"], ["round_id", "uuid"], ["group_id", "uuid"], ["awarded_amount", "bigint"], ["status", "grant_status"], ["accepted_at", "timestamptz"], ["accepted_by", "uuid"], ["acceptance_consent", "text"], ["created_at", "timestamptz"]],
  tranches: [["id", "uuid"], ["grant_id", "uuid"], ["position", "int"], ["percent", "int"], ["amount", "bigint"], ["waits_for", "text"], ["condition_met_at", "timestamptz"], ["condition_met_by", "uuid"]],
  disbursements: [["id", "uuid"], ["grant_id", "uuid"], ["tranche_id", "uuid"], ["amount", "bigint"], ["method", "disbursement_method"], ["recipient_name", "text"], ["bank_bin", "text"], ["note", "text"], ["status", "disbursement_status"], ["prepared_by", "uuid"], ["prepared_at", "timestamptz"], ["approved_by", "uuid"], ["approved_at", "timestamptz"], ["idempotency_key", "text"], ["stripe_transfer_id", "text"], ["bank_reference", "text"], ["paid_on", "date"], ["paid_at", "timestamptz"]],
  outcome_reports: [["grant_id", "uuid"], ["key", "text"], ["label_vi", "text"], ["label_en", "text"], ["months", "int"], ["status", "outcome_report_status"], ["avg_monthly_income", "bigint"], ["sales", "bigint"], ["women_earning", "int"], ["area_sqm", "int"], ["quantity_produced", "numeric"], ["quantity_unit", "text"], ["story", "text"], ["submitted_at", "timestamptz"], ["submitted_by", "uuid"], ["reviewed_at", "timestamptz"], ["reviewed_by", "uuid"], ["review_message", "text"], ["reminded_due_soon_at", "timestamptz"], ["reminded_overdue_at", "timestamptz"]],
} as const;

/** A progress line on a terminal (rewritten in place), or a line per tenth when piped to a file. */
function progressBar(total: number, label: string) {
  const started = performance.now();
  const tty = Boolean(process.stderr.isTTY);
  let lastTenth = -1;
  return (done: number) => {
    const share = total === 0 ? 1 : done / total;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const line = `${label} [${"#".repeat(Math.round(share * 30)).padEnd(30, ".")}] ${Math.floor(share * 100)} % ${done.toLocaleString("en")}/${total.toLocaleString("en")} · ${seconds} s`;
    if (tty) process.stderr.write(`\r${line}${done >= total ? "\n" : ""}`);
    else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${line}\n`);
    }
  };
}

export interface ScaleOutcomesResult {
  programmeId: string;
  roundIds: string[];
  groups: number;
  /** A group of the scale data, for the per-group page in the benchmark. */
  sampleGroupId: string;
}

export async function seedScaleOutcomes(count: number, options: { seed?: number; progress?: boolean } = {}): Promise<ScaleOutcomesResult> {
  const random = generator(options.seed ?? 20_260_101);
  const now = Date.now();
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ["admin@gieo.test", "finance@gieo.test", "finance2@gieo.test", "facilitator@gieo.test"]));
  const idOf = (email: string) => {
    const found = people.find((p) => p.email === email);
    if (!found) throw new Error(`the demo account ${email} is missing: run the demo seed first`);
    return found.id;
  };
  const staff: Staff = {
    admin: idOf("admin@gieo.test"),
    finance: idOf("finance@gieo.test"),
    finance2: idOf("finance2@gieo.test"),
    facilitator: idOf("facilitator@gieo.test"),
  };
  const allProvinces = [...new Set(MAIN_ETHNICITIES.flatMap(([, , p]) => p).concat(NORTHERN))];
  const [programme] = await db
    .insert(programmes)
    .values({
      nameVi: `Sinh kế rừng do phụ nữ làm chủ — quy mô ${count.toLocaleString("vi-VN")} nhóm`,
      nameEn: `Women-led forest livelihoods — ${count.toLocaleString("en")} groups`,
      donor: "Quỹ đo tải (benchmark)",
      totalBudget: BigInt(count) * 400_000_000n,
    })
    .returning({ id: programmes.id });
  const roundValues = (title: [string, string], opensDaysAgo: number) => ({
    programmeId: programme.id,
    titleVi: title[0],
    titleEn: title[1],
    status: "closed" as const,
    opensAt: new Date(now - opensDaysAgo * DAY),
    closesAt: new Date(now - (opensDaysAgo - 45) * DAY),
    eligibleProvinces: allProvinces,
    eligibleActivities: ACTIVITIES.map(([a]) => a),
    minGrant: 40_000_000n,
    maxGrant: 300_000_000n,
    budget: BigInt(count) * 300_000_000n,
    reviewersPerApplication: 2,
    trancheTemplate: TEMPLATE,
    reportSchedule: SCHEDULE,
  });
  const made = await db
    .insert(rounds)
    .values([roundValues(["Vòng 1 (2023)", "Round 1 (2023)"], 1150), roundValues(["Vòng 2 (2024)", "Round 2 (2024)"], 600)])
    .returning({ id: rounds.id });
  // Round 1's grants were signed about 33 months ago (all nine reports due), round 2's about
  // 14 to 16 months ago (reports up to month 12 or 15 due, the rest pending).
  const plan: RoundPlan[] = [
    { id: made[0].id, acceptedDaysAgo: [960, 1030], share: 0.6 },
    { id: made[1].id, acceptedDaysAgo: [420, 480], share: 0.4 },
  ];

  const tick = options.progress === false ? () => {} : progressBar(count, "groups");
  tick(0);
  let sampleGroupId = "";
  for (let start = 0; start < count; start += BATCH) {
    const batch = makeBatch(random, start, Math.min(BATCH, count - start), plan, staff, now);
    sampleGroupId ||= String(batch.groups[0].id);
    await db.transaction(async (tx) => {
      const run = (query: ReturnType<typeof sql>) => tx.execute(query);
      await insertJson("groups", COLUMNS.groups, batch.groups, run);
      await insertJson("group_members", COLUMNS.group_members, batch.members, run);
      await insertJson("applications", COLUMNS.applications, batch.applications, run);
      await insertJson("grants", COLUMNS.grants, batch.grants, run);
      await insertJson("tranches", COLUMNS.tranches, batch.tranches, run);
      await insertJson("disbursements", COLUMNS.disbursements, batch.disbursements, run);
      await insertJson("outcome_reports", COLUMNS.outcome_reports, batch.reports, run);
    });
    tick(Math.min(count, start + BATCH));
  }
  return { programmeId: programme.id, roundIds: made.map((r) => r.id), groups: count, sampleGroupId };
}

// `tsx db/scale-outcomes.ts --groups 20000 [--seed n] [--out file.json]`: migrates, seeds the
// demo accounts, adds the programme at scale, analyzes, and prints (or writes) its ids. Run it
// while no server holds the database (PGlite's folder takes one process at a time).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const count = Number(flag("groups") ?? "20000");
  const seed = Number(flag("seed") ?? "20260101");
  if (!Number.isInteger(count) || count < 1 || count > 200_000 || !Number.isInteger(seed)) {
    console.error("Usage: npm run seed:scale -- --groups <1…200000> [--seed <integer>] [--out <file.json>]");
    process.exit(2);
  }
  const started = performance.now();
  const database = await openDatabase();
  await seedDemo();
  const result = await seedScaleOutcomes(count, { seed });
  process.stderr.write("analyzing…\n");
  // Fresh statistics (and a visibility map for index-only scans): without them the planner takes
  // the freshly loaded tables for small ones.
  await database.exec("vacuum (analyze) groups, group_members, applications, grants, tranches, disbursements, outcome_reports");
  const [reports] = await db.execute(sql`select count(*)::int as n from outcome_reports`).then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: { n: number }[] }).rows) as { n: number }[]);
  process.stderr.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s; ${reports.n.toLocaleString("en")} outcome reports in the database\n`);
  const out = flag("out");
  if (out) writeFileSync(out, JSON.stringify(result));
  console.log(JSON.stringify(result));
  await database.close();
}
