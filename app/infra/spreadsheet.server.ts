// Cells for spreadsheets: the CSV and XLSX files staff open in Excel or LibreOffice and share
// with donors. One rule for every export, so no export can forget it.

/** Excel shows UTF-8 (Vietnamese letters) correctly only when the file starts with a BOM. */
export const CSV_BOM = "\uFEFF";

// A cell starting with one of these is run as a formula by spreadsheets (CSV injection, OWASP);
// tab and carriage return are included because some spreadsheets strip them before looking.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text defused with a leading apostrophe when it could start a formula. Applied to XLSX text too:
 * an XLSX string cell is not a formula, but donors re-save files as CSV and paste cells around.
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV cell: formula-looking text defused, then quoted per RFC 4180. */
export function csvCell(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  const safe = defuseFormula(value);
  return /[",\r\n;]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line, CRLF-terminated as RFC 4180 and Excel expect. */
export function csvRow(cells: readonly (string | number | bigint | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
