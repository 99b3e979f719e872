import zlib from "node:zlib";

// A streaming XLSX writer: an XLSX file is a zip of a few XML parts; the sheets' rows are turned
// into XML as they come and deflated straight into the output, so a sheet of any length is
// written in constant memory, and a slow reader holds the database back (each step awaits the
// next: reader → zip → deflate → sheet rows → the caller's pages).
//
// Why not exceljs's stream.xlsx.WorkbookWriter, which the project tried first: it writes each
// row into its zip entry without waiting for the compressor (no backpressure), and it builds
// several objects per cell; on the 270,000-row export the server's memory rose by about 250 MB
// (garbage the collector had not yet reclaimed: 30 MB were live) and the file took 50–90 s. This
// writer makes one string per row. It covers what the exports need: inline strings, numbers,
// dates as numbers with a date format, a bold frozen header row and column widths. Files stay
// under 4 GB (no ZIP64): the scale programme's full export is about 30 MB.

export type XlsxCell = string | number | Date | null;

export interface XlsxColumn {
  header: string;
  width: number;
  format?: "text" | "integer" | "decimal" | "date";
}

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  /** Pages of rows; the writer asks for the next page only when the last one is written out. */
  rows: AsyncIterable<XlsxCell[][]>;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 as zip wants it; Node's own (20.15 and later) when there is one. */
function crc32(data: Buffer, previous: number): number {
  const native = (zlib as unknown as { crc32?: (data: Buffer, value: number) => number }).crc32;
  if (native) return native(data, previous);
  let c = ~previous;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// Styles (xl/styles.xml below): 0 plain, 1 bold header, 2 date, 3 integer, 4 decimal.
const STYLE = { header: 1, date: 2, integer: 3, decimal: 4 } as const;

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0"/><numFmt numFmtId="166" formatCode="#,##0.0##"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

// XML 1.0 allows tab, line feed and carriage return among the control characters, nothing else.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlText(text: string): string {
  return text.replace(INVALID_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Column letters: 1 → A, 27 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date as spreadsheets count it: days since 30 December 1899 (the date's UTC calendar day). */
export function excelSerial(date: Date): number {
  return Math.round((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - EXCEL_EPOCH) / 86_400_000);
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Collects XML into fixed-size byte buffers as it is made, so each row's string is garbage as
 * soon as it is copied, while still young, instead of a page's rows being joined into one string
 * that keeps its thousands of pieces alive until the page ends.
 */
class ChunkWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  /** Appends `text`; returns the buffer it filled up, if it did, for the caller to send. */
  write(text: string): Buffer | null {
    const length = Buffer.byteLength(text);
    let full: Buffer | null = null;
    if (length > this.buffer.length - this.used) {
      full = this.buffer.subarray(0, this.used);
      this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, length));
      this.used = 0;
    }
    this.used += this.buffer.write(text, this.used);
    return full;
  }

  /** What is left, at the end. */
  rest(): Buffer {
    return this.buffer.subarray(0, this.used);
  }
}

function cellXml(ref: string, value: XlsxCell, format: XlsxColumn["format"]): string {
  if (value === null || value === "") return "";
  if (value instanceof Date) return `<c r="${ref}" s="${STYLE.date}"><v>${excelSerial(value)}</v></c>`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    const style = format === "integer" ? ` s="${STYLE.integer}"` : format === "decimal" ? ` s="${STYLE.decimal}"` : "";
    return `<c r="${ref}"${style}><v>${value}</v></c>`;
  }
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

async function* sheetXml(sheet: XlsxSheet): AsyncGenerator<Buffer> {
  const letters = sheet.columns.map((_, i) => columnName(i + 1));
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join("");
  const header = sheet.columns
    .map((c, i) => `<c r="${letters[i]}1" t="inlineStr" s="${STYLE.header}"><is><t xml:space="preserve">${xmlText(c.header)}</t></is></c>`)
    .join("");
  yield Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${header}</row>`,
  );
  let r = 1;
  const out = new ChunkWriter();
  for await (const page of sheet.rows) {
    for (const row of page) {
      r++;
      let xml = `<row r="${r}">`;
      for (let i = 0; i < row.length && i < letters.length; i++) xml += cellXml(`${letters[i]}${r}`, row[i], sheet.columns[i].format);
      const full = out.write(xml + "</row>");
      if (full) yield full;
    }
  }
  const full = out.write("</sheetData></worksheet>");
  if (full) yield full;
  yield out.rest();
}

function workbookParts(names: string[]): { name: string; xml: string }[] {
  const sheets = names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const sheetRels = names
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join("");
  const overrides = names
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join("");
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
  return [
    {
      name: "[Content_Types].xml",
      xml: `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides}</Types>`,
    },
    {
      name: "_rels/.rels",
      xml: `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      xml: `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      xml: `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels}<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: "xl/styles.xml", xml: STYLES_XML },
  ];
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "Sheet";
}

interface EntryStats {
  crc: number;
  size: number;
  compressed: number;
}

/** Deflates `source` as it is read; the source is read only as fast as the output is taken. */
async function* deflated(source: AsyncIterable<Buffer>, stats: EntryStats): AsyncGenerator<Buffer> {
  const deflater = zlib.createDeflateRaw({ level: 6 });
  // Resolves when the deflater wants more, or is gone (destroyed by a reader that stopped).
  const room = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        deflater.off("drain", done);
        deflater.off("close", done);
        resolve();
      };
      deflater.on("drain", done);
      deflater.on("close", done);
    });
  const feeding = (async () => {
    try {
      for await (const chunk of source) {
        if (deflater.destroyed) return;
        stats.crc = crc32(chunk, stats.crc);
        stats.size += chunk.length;
        if (!deflater.write(chunk)) await room();
      }
      deflater.end();
    } catch (error) {
      deflater.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const chunk of deflater as AsyncIterable<Buffer>) {
      stats.compressed += chunk.length;
      yield chunk;
    }
  } finally {
    // A reader that stopped early (the client went away) ends the feeding too.
    if (!deflater.destroyed) deflater.destroy();
    await feeding;
  }
}

const DOS_DATE = (() => {
  const now = new Date();
  return {
    time: (now.getUTCHours() << 11) | (now.getUTCMinutes() << 5) | Math.floor(now.getUTCSeconds() / 2),
    date: ((now.getUTCFullYear() - 1980) << 9) | ((now.getUTCMonth() + 1) << 5) | now.getUTCDate(),
  };
})();

const FLAGS = 0x0008 | 0x0800; // sizes in a data descriptor after the data; UTF-8 names

function localHeader(name: Buffer): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(FLAGS, 6);
  b.writeUInt16LE(8, 8);
  b.writeUInt16LE(DOS_DATE.time, 10);
  b.writeUInt16LE(DOS_DATE.date, 12);
  // CRC and sizes (14…25) stay 0: they follow in the data descriptor.
  b.writeUInt16LE(name.length, 26);
  return Buffer.concat([b, name]);
}

function dataDescriptor(s: EntryStats): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(s.crc >>> 0, 4);
  b.writeUInt32LE(s.compressed, 8);
  b.writeUInt32LE(s.size, 12);
  return b;
}

function centralEntry(name: Buffer, s: EntryStats, offset: number): Buffer {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(20, 6);
  b.writeUInt16LE(FLAGS, 8);
  b.writeUInt16LE(8, 10);
  b.writeUInt16LE(DOS_DATE.time, 12);
  b.writeUInt16LE(DOS_DATE.date, 14);
  b.writeUInt32LE(s.crc >>> 0, 16);
  b.writeUInt32LE(s.compressed, 20);
  b.writeUInt32LE(s.size, 24);
  b.writeUInt16LE(name.length, 28);
  b.writeUInt32LE(offset, 42);
  return Buffer.concat([b, name]);
}

const ZIP_LIMIT = 0xffffffff;

/** The workbook as a stream of bytes: the fixed parts, then each sheet, then the zip's directory. */
export async function* xlsxBytes(sheets: XlsxSheet[]): AsyncGenerator<Buffer> {
  const names = sheets.map((s) => sheetName(s.name));
  const entries: { name: string; content: () => AsyncIterable<Buffer> }[] = [
    ...workbookParts(names).map((p) => ({
      name: p.name,
      content: async function* () {
        yield Buffer.from(p.xml);
      },
    })),
    ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, content: () => sheetXml(sheet) })),
  ];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const header = localHeader(name);
    yield header;
    const stats: EntryStats = { crc: 0, size: 0, compressed: 0 };
    for await (const chunk of deflated(entry.content(), stats)) yield chunk;
    if (stats.size > ZIP_LIMIT || offset > ZIP_LIMIT) throw new Error("the workbook is larger than a zip without ZIP64 can hold");
    yield dataDescriptor(stats);
    directory.push(centralEntry(name, stats, offset));
    offset += header.length + stats.compressed + 16;
  }
  const central = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(directory.length, 8);
  end.writeUInt16LE(directory.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  yield central;
  yield end;
}
