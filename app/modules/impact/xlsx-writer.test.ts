import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { defuseFormula } from "../../infra/spreadsheet.server";
import { columnName, excelSerial, sheetName, xlsxBytes, xmlText, type XlsxCell } from "./xlsx-writer.server";

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

describe("the streaming XLSX writer", () => {
  it("writes a workbook another reader opens: text, numbers, dates, several sheets", async () => {
    const rows: XlsxCell[][] = [
      ["Nhóm dệt <Tả Van> & \"bạn\"", 50_000_000, new Date(Date.UTC(2025, 0, 15)), 27.5],
      [defuseFormula("=1+2"), -200_000, null, null],
      ["ký tự\u0001lạ", 0, null, 0.5],
    ];
    const file = await collect(
      xlsxBytes([
        {
          name: "Tài trợ",
          columns: [
            { header: "Nhóm", width: 30 },
            { header: "Số tiền", width: 14, format: "integer" },
            { header: "Ngày", width: 12, format: "date" },
            { header: "%", width: 8, format: "decimal" },
          ],
          rows: (async function* () {
            yield rows;
          })(),
        },
        { name: "Trống: [thử]", columns: [{ header: "A", width: 5 }], rows: (async function* () {})() },
      ]),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Tài trợ", "Trống   thử "]);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["Nhóm", "Số tiền", "Ngày", "%"]);
    expect(sheet.getCell("A2").value).toBe('Nhóm dệt <Tả Van> & "bạn"');
    expect(sheet.getCell("B2").value).toBe(50_000_000);
    expect((sheet.getCell("C2").value as Date).toISOString().slice(0, 10)).toBe("2025-01-15");
    expect(sheet.getCell("C2").numFmt).toBe("dd/mm/yyyy");
    expect(sheet.getCell("D2").value).toBe(27.5);
    expect(sheet.getCell("A3").value).toBe("'=1+2");
    expect(sheet.getCell("B3").value).toBe(-200_000);
    expect(sheet.getCell("C3").value).toBeNull();
    // XML 1.0 cannot carry most control characters: they are dropped, the rest kept.
    expect(sheet.getCell("A4").value).toBe("ký tựlạ");
    expect(workbook.worksheets[1].rowCount).toBe(1);
  });

  it("reads the next page only as fast as the bytes are taken", async () => {
    let produced = 0;
    const pages = async function* () {
      for (let p = 0; p < 1000; p++) {
        produced++;
        // Random text compresses badly, so the deflater's buffers fill quickly.
        yield Array.from({ length: 100 }, () => [Math.random().toString(36).repeat(8), Math.random()] as XlsxCell[]);
      }
    };
    const bytes = xlsxBytes([{ name: "S", columns: [{ header: "a", width: 10 }, { header: "b", width: 10, format: "decimal" }], rows: pages() }]);
    let taken = 0;
    for await (const chunk of bytes) {
      taken += chunk.length;
      if (taken > 200_000) break;
    }
    // Stopping the reader stops the rows: far from the 1,000 pages a buffering writer would take.
    expect(produced).toBeLessThan(100);
  });

  it("names columns, dates and sheets as spreadsheets expect", () => {
    expect([columnName(1), columnName(26), columnName(27), columnName(52), columnName(703)]).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
    expect(excelSerial(new Date(Date.UTC(2025, 0, 15)))).toBe(45672);
    expect(xmlText("a<b>&\"c\"\u0007")).toBe("a&lt;b&gt;&amp;&quot;c&quot;");
    expect(sheetName("a/b:c?d*e[f]g\\h")).toBe("a b c d e f g h");
    expect(sheetName("x".repeat(40))).toHaveLength(31);
  });
});
