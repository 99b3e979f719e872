import { formatDateTime } from "../../i18n/format";
import { translator } from "../../i18n/i18n";
import type { Locale } from "../../i18n/locales";
import { CSV_BOM, csvRow } from "../../infra/spreadsheet.server";
import { readAudit, type AuditFilter } from "./audit-read.server";
import { auditWhat } from "./audit-sentence";

/** Enough for any audit of a programme; a wider period is exported in parts. */
const MAX_ROWS = 50_000;

/**
 * The filtered log for an auditor: the sentence staff read, and beside it what it is made of (the
 * action's code, the entity, the address, the recorded details) so that nothing is lost in words.
 */
export async function auditCsv(filter: AuditFilter, locale: Locale): Promise<string> {
  const t = translator(locale);
  const rows = await readAudit(filter, { limit: MAX_ROWS, offset: 0 });
  const lines = [
    csvRow([t("audit.at"), t("audit.actor"), t("audit.group"), t("audit.what"), t("audit.action"), t("audit.entity"), t("audit.ip"), t("audit.details")]),
    ...rows.map((row) =>
      csvRow([
        formatDateTime(row.at, locale),
        row.actorName ?? t("audit.system"),
        row.groupName ?? "",
        auditWhat(t, row.action, row.entityType),
        row.action,
        row.entityType,
        row.ip ?? "",
        row.data ? JSON.stringify(row.data) : "",
      ]),
    ),
  ];
  return CSV_BOM + lines.join("");
}
