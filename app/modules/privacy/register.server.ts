import { getEnv } from "../../infra/env.server";
import { CSV_BOM, csvRow } from "../../infra/spreadsheet.server";
import { translator } from "../../i18n/i18n";
import type { Locale } from "../../i18n/locales";
import { consentPurposes } from "./privacy.schema";
import type { RetentionKind } from "./register.schema";
import { retentionSchedule } from "./retention.server";

// The register of processing (issue 15, item 6; Decree 356/2025): each purpose, the kinds of data
// it uses (sensitive ones marked), its legal basis, how long the data is kept, and every recipient
// or processor with its country, filled from the configuration where Gieo can see it. Exported
// as CSV and JSON: the inputs of the impact-assessment and cross-border-transfer dossiers.

/** The kinds of personal data Gieo holds; sensitive under Law 91/2025/QH15 are marked. */
export const dataKinds = {
  name: false,
  birth_year: false,
  gender: false,
  ethnicity: true,
  phone: false,
  email: false,
  address: false,
  bank_account: true,
  income: true,
  photos: false,
  free_text: false,
} as const;
export type DataKind = keyof typeof dataKinds;

export const registerPurposes = [...consentPurposes, "payments", "accounts"] as const;
export type RegisterPurpose = (typeof registerPurposes)[number];

type Basis = "consent" | "contract" | "legal_obligation";

/** What each purpose uses, on what basis, and which rule of the schedule (or event) ends it. */
const purposeTable: Record<RegisterPurpose, { kinds: DataKind[]; basis: Basis; retention: RetentionKind | "until_withdrawn" | "account_life" }> = {
  application: { kinds: ["name", "birth_year", "gender", "ethnicity", "phone", "address", "free_text"], basis: "consent", retention: "unfunded_group" },
  monitoring: { kinds: ["income", "gender", "ethnicity", "free_text"], basis: "consent", retention: "until_withdrawn" },
  notices: { kinds: ["name", "phone", "email"], basis: "consent", retention: "until_withdrawn" },
  photos: { kinds: ["photos"], basis: "consent", retention: "until_withdrawn" },
  donor_figures: { kinds: ["gender", "ethnicity", "income"], basis: "consent", retention: "until_withdrawn" },
  payments: { kinds: ["name", "bank_account", "phone"], basis: "contract", retention: "bank_account" },
  accounts: { kinds: ["name", "phone", "email"], basis: "contract", retention: "account_life" },
};

export const recipientKeys = ["hosting", "database", "backups", "smtp", "sms", "zalo", "stripe"] as const;
export type RecipientKey = (typeof recipientKeys)[number];

export interface Recipient {
  key: RecipientKey;
  /** The processor's name, or null when the configuration does not say. */
  name: string | null;
  /** ISO 3166 two letters, or null when not declared. */
  country: string | null;
  /** Whether this deployment sends data there at all (e.g. SMS is off without its keys). */
  inUse: boolean;
  purposes: RegisterPurpose[];
  kinds: DataKind[];
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** The recipients as this deployment is configured; never a secret, only names and countries. */
export function recipients(): Recipient[] {
  const env = getEnv();
  const hosting = env.HOSTING_PROVIDER ?? null;
  const smsOn = Boolean(env.ESMS_API_KEY && env.ESMS_SECRET_KEY);
  const zaloOn = Boolean(env.ZALO_ACCESS_TOKEN && env.ZALO_TEMPLATES);
  return [
    { key: "hosting", name: hosting, country: env.HOSTING_COUNTRY ?? null, inUse: true, purposes: [...registerPurposes], kinds: Object.keys(dataKinds) as DataKind[] },
    {
      key: "database",
      // PostgreSQL elsewhere, or PGlite in the data folder on the application's own server.
      name: env.DATABASE_URL ? `PostgreSQL (${hostOf(env.DATABASE_URL) ?? "?"})` : hosting,
      country: env.HOSTING_COUNTRY ?? null,
      inUse: true,
      purposes: [...registerPurposes],
      kinds: Object.keys(dataKinds) as DataKind[],
    },
    { key: "backups", name: env.BACKUP_PROVIDER ?? null, country: env.BACKUP_COUNTRY ?? null, inUse: Boolean(env.BACKUP_PROVIDER), purposes: [...registerPurposes], kinds: Object.keys(dataKinds) as DataKind[] },
    { key: "smtp", name: hostOf(env.SMTP_URL), country: env.SMTP_COUNTRY ?? null, inUse: Boolean(env.SMTP_URL), purposes: ["notices", "accounts"], kinds: ["name", "email"] },
    { key: "sms", name: "eSMS.vn", country: "VN", inUse: smsOn, purposes: ["notices", "accounts"], kinds: ["phone"] },
    { key: "zalo", name: "Zalo ZNS (VNG)", country: "VN", inUse: zaloOn, purposes: ["notices"], kinds: ["phone"] },
    // Stripe, Inc. processes payments from the United States; only amounts and ids are sent.
    { key: "stripe", name: "Stripe", country: "US", inUse: Boolean(env.STRIPE_SECRET_KEY), purposes: ["payments"], kinds: ["bank_account"] },
  ];
}

/** The whole register, in plain data: the admin page, the JSON file and the CSV file read it. */
export async function processingRegister() {
  const { rules } = await retentionSchedule();
  const months = new Map(rules.map((r) => [r.kind, r.months]));
  const all = recipients();
  return {
    controller: { name: getEnv().ORG_NAME ?? null, address: getEnv().ORG_ADDRESS ?? null },
    purposes: registerPurposes.map((purpose) => {
      const row = purposeTable[purpose];
      return {
        purpose,
        kinds: row.kinds.map((kind) => ({ kind, sensitive: dataKinds[kind] })),
        basis: row.basis,
        retention: row.retention,
        retentionMonths: months.get(row.retention as RetentionKind) ?? null,
        recipients: all.filter((r) => r.purposes.includes(purpose)).map((r) => r.key),
      };
    }),
    recipients: all.map((r) => ({ ...r, crossBorder: r.country !== null && r.country !== "VN" })),
    retention: rules.map((r) => ({ kind: r.kind, months: r.months })),
  };
}

export type ProcessingRegister = Awaited<ReturnType<typeof processingRegister>>;

/** The register as JSON (codes, not words, so a dossier tool can read it). */
export async function registerJson(): Promise<string> {
  return JSON.stringify({ generatedAt: new Date().toISOString(), ...(await processingRegister()) }, null, 2);
}

/** The register as one spreadsheet: one row per purpose and recipient, in the reader's language. */
export async function registerCsv(locale: Locale): Promise<string> {
  const t = translator(locale);
  const register = await processingRegister();
  const byKey = new Map(register.recipients.map((r) => [r.key, r]));
  const lines = [
    csvRow([
      t("privacyRegister.purpose"),
      t("privacyRegister.kinds"),
      t("privacyRegister.sensitive"),
      t("privacyRegister.basis"),
      t("privacyRegister.retention"),
      t("privacyRegister.recipient"),
      t("privacyRegister.processor"),
      t("privacyRegister.country"),
      t("privacyRegister.crossBorder"),
      t("privacyRegister.inUse"),
    ]),
  ];
  for (const p of register.purposes) {
    for (const key of p.recipients) {
      const r = byKey.get(key)!;
      lines.push(
        csvRow([
          t.dynamic(`privacyRegister.purposeName.${p.purpose}`),
          p.kinds.map((k) => t.dynamic(`privacyRegister.kind.${k.kind}`)).join("; "),
          p.kinds.filter((k) => k.sensitive).map((k) => t.dynamic(`privacyRegister.kind.${k.kind}`)).join("; "),
          t.dynamic(`privacyRegister.basisName.${p.basis}`),
          p.retentionMonths !== null ? t("privacyRegister.months", { months: p.retentionMonths }) : t.dynamic(`privacyRegister.retentionName.${p.retention}`),
          t.dynamic(`privacyRegister.recipientName.${key}`),
          r.name ?? t("privacyRegister.notDeclared"),
          r.country ?? t("privacyRegister.notDeclared"),
          r.crossBorder ? t("privacyRegister.yes") : t("privacyRegister.no"),
          r.inUse ? t("privacyRegister.yes") : t("privacyRegister.no"),
        ]),
      );
    }
  }
  return CSV_BOM + lines.join("");
}
