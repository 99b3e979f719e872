import { translator, type Translate } from "../../i18n/i18n";
import { formatDate } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";
import { logger } from "../../infra/logger.server";
import { CSV_BOM, csvRow } from "../../infra/spreadsheet.server";
import { loadImpactDashboard } from "./dashboard.server";
import { exportTable, type CellKind, type CellValue, type ExportColumn } from "./export-columns.server";
import { exportDatasets, readFilters, type ExportDataset, type ExportFormat, type ImpactFilters } from "./impact.schema";
import { defuseFormula } from "../../infra/spreadsheet.server";
import { xlsxBytes, type XlsxCell, type XlsxColumn, type XlsxSheet } from "./xlsx-writer.server";

// Donor exports, STREAMED: the response starts with the first page of rows, each page is read
// from the database (keyset pages of grants, facts.server.ts) only when the previous one has been
// written out, and nothing holds the whole file. Without a Content-Length the browser shows the
// bytes arriving as its download progress; the dashboard says beforehand how many rows each file
// has. XLSX through our own streaming writer (xlsx-writer.server.ts says why not exceljs), CSV
// gzipped inside the stream when the client accepts it.
//
// Known limit: Remix's Node adapter copies the body to the socket without waiting for it to
// drain, so for a client slower than the database the written bytes queue in the server's memory
// — bounded by the (compressed) file's size, never by a workbook built in memory.

const mime: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A VN calendar date as the UTC midnight the XLSX writer counts days from. */
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

function xlsxValue(kind: CellKind, value: CellValue): XlsxCell {
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

const xlsxFormat: Record<CellKind, XlsxColumn["format"]> = { text: "text", money: "integer", int: "integer", decimal: "decimal", date: "date" };

function sheetColumns(columns: ExportColumn[]): XlsxColumn[] {
  return columns.map((c) => ({ header: defuseFormula(c.header), width: c.width, format: xlsxFormat[c.kind] }));
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
 * as it is made: a pull stream over the writer, so bytes are made only as fast as they are taken.
 */
export function xlsxExport(datasets: readonly ExportDataset[], filters: ImpactFilters, locale: Locale, signal?: AbortSignal): Response {
  const t = translator(locale);
  const sheets: XlsxSheet[] = [];
  if (datasets.length > 1) {
    sheets.push({
      name: t("impact.sheet.summary"),
      columns: [
        { header: t("impact.summary.item"), width: 48 },
        { header: t("impact.summary.value"), width: 40, format: "decimal" },
      ],
      rows: (async function* () {
        yield await summaryRows(filters, t);
      })(),
    });
  }
  for (const dataset of datasets) {
    const table = exportTable(dataset, filters, t);
    sheets.push({
      name: t(`impact.sheet.${dataset}`),
      columns: sheetColumns(table.columns),
      rows: (async function* () {
        for await (const page of table.pages) yield page.map((row) => row.map((value, i) => xlsxValue(table.columns[i].kind, value)));
      })(),
    });
  }
  const bytes = xlsxBytes(sheets);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (signal?.aborted) {
        await bytes.return(undefined);
        controller.close();
        return;
      }
      try {
        const next = await bytes.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      } catch (error) {
        logger.error("xlsx export failed", { error: error instanceof Error ? error.message : String(error) });
        controller.error(error);
      }
    },
    async cancel() {
      await bytes.return(undefined);
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
