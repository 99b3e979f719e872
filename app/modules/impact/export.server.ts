import { once } from "node:events";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { translator, type Translate } from "../../i18n/i18n";
import { formatDate } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";
import { logger } from "../../infra/logger.server";
import { CSV_BOM, csvRow } from "../applications/admin-list.csv";
import { loadImpactDashboard } from "./dashboard.server";
import { exportTable, type CellKind, type CellValue, type ExportColumn } from "./export-columns.server";
import { exportDatasets, readFilters, type ExportDataset, type ExportFormat, type ImpactFilters } from "./impact.schema";
import { defuseFormula } from "./spreadsheet-cell";

// Donor exports, STREAMED: the response starts with the first page of rows, each page is read
// from the database (keyset pages of 500 grants, facts.server.ts) only when the previous one has
// been written out, and nothing holds the whole file. Without a Content-Length the browser shows
// the bytes arriving as its download progress; the dashboard says beforehand how many rows each
// file has. The XLSX goes through exceljs's streaming WorkbookWriter (rows committed as they are
// written, inline strings rather than a shared-strings table that would grow with the file).
//
// Known limit: Remix's Node adapter copies the body to the socket without waiting for it to
// drain, so for a client slower than the database the written bytes (compressed XLSX, or CSV)
// queue in the server's memory — bounded by the file's size, never by a workbook built in memory.

const mime: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A VN calendar date as the UTC midnight spreadsheets count days from (exceljs writes UTC). */
function spreadsheetDate(value: Date): Date {
  const [day, month, year] = formatDate(value).split("/").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

function csvValue(kind: CellKind, value: CellValue): string | number | bigint | null {
  if (value === null) return null;
  if (value instanceof Date) return formatDate(value);
  if (kind === "decimal" && typeof value === "number") return String(value);
  return value;
}

function xlsxValue(kind: CellKind, value: CellValue): string | number | Date | null {
  if (value === null) return null;
  if (value instanceof Date) return spreadsheetDate(value);
  if (typeof value === "bigint") {
    // Exact as a spreadsheet number up to 2^53 đồng; beyond that (never for one grant) as text.
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (typeof value === "number") return value;
  return kind === "text" ? defuseFormula(value) : value;
}

function fileName(name: string, format: ExportFormat): string {
  const today = formatDate(new Date()).split("/").reverse().join("-");
  return `gieo-${name}-${today}.${format}`;
}

function headers(format: ExportFormat, name: string): Record<string, string> {
  return {
    "Content-Type": mime[format],
    "Content-Disposition": `attachment; filename="${fileName(name, format)}"`,
    // no-transform: the compression middleware leaves these alone (an XLSX is already a zip;
    // the CSV is compressed below, inside the stream, where it follows the reader's pace).
    "Cache-Control": "no-store, no-transform",
    // Proxies such as nginx would otherwise hold the stream back until the end.
    "X-Accel-Buffering": "no",
  };
}

const encoder = new TextEncoder();

/**
 * One dataset as CSV: a pull stream, so the next page is read only when the last one has gone,
 * gzipped in the stream itself when the client accepts it (a compression middleware after a
 * stream that ignores backpressure would queue the uncompressed text instead).
 */
export function csvExport(dataset: ExportDataset, filters: ImpactFilters, locale: Locale, options: { signal?: AbortSignal; gzip?: boolean } = {}): Response {
  const { signal, gzip = false } = options;
  const t = translator(locale);
  const table = exportTable(dataset, filters, t);
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRow(table.columns.map((c) => c.header))));
        return;
      }
      if (signal?.aborted) {
        await table.pages.return(undefined);
        controller.close();
        return;
      }
      const next = await table.pages.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text = next.value.map((row) => csvRow(row.map((value, i) => csvValue(table.columns[i].kind, value)))).join("");
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await table.pages.return(undefined);
    },
  });
  if (!gzip) return new Response(body, { headers: headers("csv", dataset) });
  // The DOM typings want an ArrayBuffer-backed stream; Node's CompressionStream takes any bytes.
  const gzipped = body.pipeThrough(new CompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Response(gzipped, {
    headers: { ...headers("csv", dataset), "Content-Encoding": "gzip", Vary: "Accept-Encoding" },
  });
}

function sheetColumns(columns: ExportColumn[]): Partial<ExcelJS.Column>[] {
  return columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    style: c.kind === "date" ? { numFmt: "dd/mm/yyyy" } : c.kind === "money" || c.kind === "int" ? { numFmt: "#,##0" } : c.kind === "decimal" ? { numFmt: "0.0##" } : {},
  }));
}

/** The first sheet of the full workbook: the dashboard's totals and what the figures mean. */
async function summaryRows(filters: ImpactFilters, t: Translate): Promise<[string, string | number][]> {
  const d = await loadImpactDashboard(filters);
  const o = d.overall;
  const num = (v: bigint | null) => (v === null ? "" : Number(v));
  const rows: [string, string | number][] = [
    [t("impact.summary.generated"), formatDate(new Date())],
    [t("impact.summary.filters"), describeFilters(filters)],
    [t("impact.figure.awarded"), num(o.awarded)],
    [t("impact.figure.paid"), num(o.paid)],
    [t("impact.figure.groups"), o.groups],
    [t("impact.figure.grants"), o.grants],
    [t("impact.figure.women"), o.women],
    [t("impact.figure.withChange"), o.withChange],
    [t("impact.figure.rose"), o.withChange ? Math.round((1000 * o.rose) / o.withChange) / 10 : ""],
    [t("impact.figure.medianChange"), o.change ? num(o.change[1]) : ""],
    [t("impact.figure.q1Change"), o.change ? num(o.change[0]) : ""],
    [t("impact.figure.q3Change"), o.change ? num(o.change[2]) : ""],
    [t("impact.figure.medianPct"), o.pct ? Math.round(o.pct[1] * 10) / 10 : ""],
    [t("impact.summary.definitions"), t("impact.summary.definitionsText")],
  ];
  return rows.map(([label, value]) => [defuseFormula(label), typeof value === "string" ? defuseFormula(value) : value]);
}

function describeFilters(filters: ImpactFilters): string {
  const parts = Object.entries(filters).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join("; ") : "—";
}

/**
 * One dataset, or all three after a summary sheet, as an XLSX workbook written to the response
 * as it is made. Sheets are written one after the other (each committed before the next starts),
 * so exceljs never buffers a waiting sheet.
 */
export function xlsxExport(datasets: readonly ExportDataset[], filters: ImpactFilters, locale: Locale, signal?: AbortSignal): Response {
  const t = translator(locale);
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Gieo";
  const produce = async () => {
    if (datasets.length > 1) {
      const sheet = workbook.addWorksheet(t("impact.sheet.summary"));
      sheet.columns = [
        { header: t("impact.summary.item"), key: "0", width: 48 },
        { header: t("impact.summary.value"), key: "1", width: 40, style: { numFmt: "#,##0.###" } },
      ];
      for (const row of await summaryRows(filters, t)) sheet.addRow(row).commit();
      sheet.commit();
    }
    for (const dataset of datasets) {
      const table = exportTable(dataset, filters, t);
      const sheet = workbook.addWorksheet(t(`impact.sheet.${dataset}`), { views: [{ state: "frozen", ySplit: 1 }] });
      sheet.columns = sheetColumns(table.columns);
      for await (const page of table.pages) {
        if (signal?.aborted) {
          await table.pages.return(undefined);
          throw new Error("export aborted by the client");
        }
        for (const row of page) sheet.addRow(row.map((value, i) => xlsxValue(table.columns[i].kind, value))).commit();
        if (process.env.IMPACT_DEBUG) { const m = process.memoryUsage(); const st = (sheet as unknown as { stream?: { pipes?: { writableLength?: number }[]; buffers?: unknown[] } }).stream; console.log(JSON.stringify({ rss: m.rss >> 20, heap: m.heapUsed >> 20, ext: m.external >> 20, ab: m.arrayBuffers >> 20, out: out.writableLength + out.readableLength, pipe: st?.pipes?.map((p) => p.writableLength), bufs: st?.buffers?.length })); }
        // Hold the next page back while the response has not taken what is written.
        if (out.writableNeedDrain) await once(out, "drain");
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  produce().catch((error: unknown) => {
    if (!signal?.aborted) logger.error("xlsx export failed", { error: error instanceof Error ? error.message : String(error) });
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const chunks = out[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value as Buffer));
      } catch (error) {
        controller.error(error);
      }
    },
    cancel() {
      out.destroy();
    },
  });
  return new Response(body, { headers: headers("xlsx", datasets.length > 1 ? "impact" : datasets[0]) });
}

/**
 * The export a request asks for: `dataset` (grants, disbursements or outcomes; for XLSX also
 * `all`) and the dashboard's filters from the query string. Answers 400 for anything else.
 */
export function impactExport(request: Request, format: ExportFormat, locale: Locale): Response {
  const url = new URL(request.url);
  const { filters, invalid } = readFilters(url.searchParams);
  const dataset = url.searchParams.get("dataset") ?? "";
  const known = (exportDatasets as readonly string[]).includes(dataset);
  if (invalid.length > 0 || !(known || (format === "xlsx" && dataset === "all"))) {
    return new Response("Choose a dataset (grants, disbursements, outcomes; or all for XLSX) and valid filters.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (format === "csv") {
    const gzip = /\bgzip\b/.test(request.headers.get("Accept-Encoding") ?? "");
    return csvExport(dataset as ExportDataset, filters, locale, { signal: request.signal, gzip });
  }
  return xlsxExport(dataset === "all" ? exportDatasets : [dataset as ExportDataset], filters, locale, request.signal);
}
