// A text cell that starts with one of these is run as a formula by spreadsheets (CSV injection,
// OWASP); tab and carriage return are included because some spreadsheets strip them before
// looking. Same rule as the CSV writer (applications/admin-list.csv.ts), applied to XLSX text too:
// an XLSX string cell is not a formula, but donors re-save files as CSV and paste cells around.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text defused with a leading apostrophe when it could start a formula. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
