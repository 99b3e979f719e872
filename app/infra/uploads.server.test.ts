import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { cleanUpload, UPLOAD_LIMIT } from "../modules/applications/attachments.server";
import { hit } from "./rate-limit.server";
import { reencodeImage, sniffType } from "./uploads.server";

// The bounds on parsers of uploaded bytes (issue 18, item 2).

/**
 * The shape of the published file-type advisory (CVE-2026-31808, fixed in 21.3.1): an ASF header
 * whose first object declares a size of 0, so that file-type 19.6 stepped back 24 bytes on every
 * turn of its loop and never returned, stopping the event loop.
 */
function loopingAsf(): Uint8Array {
  const bytes = new Uint8Array(118);
  bytes.set([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c]);
  // Bytes 30–45: an object GUID; 46–53: its size, 0 (little-endian 64 bits), already zero.
  bytes.fill(0x11, 30, 46);
  return bytes;
}

describe("parsers of uploaded bytes", () => {
  // No wall-clock bound here (it flakes on a busy machine): the sniffing worker's own time-out
  // answers, and a parser that never returned would hold this test past its time-out instead.
  it("refuses the crafted file that froze file-type 19.6, and the server keeps answering", { timeout: 30_000 }, async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const result = await cleanUpload(loopingAsf(), randomUUID());
    clearInterval(timer);
    expect(result).toEqual({ ok: false });
    // The event loop of this thread kept turning meanwhile.
    expect(ticks).toBeGreaterThan(0);
  });

  it("gives up on a type detection that does not answer in time", async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).png().toBuffer();
    expect(await sniffType(png)).toBe("image/png");
    // No worker starts, loads file-type and answers in a millisecond: the bound is what answers.
    expect(await sniffType(png, 1)).toBeNull();
  });

  it("sniffs only the first bytes: a PDF is known by its header whatever follows", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    expect(await sniffType(pdf)).toBe("application/pdf");
  });

  it("refuses an image declaring more pixels than the bound, without decoding it", async () => {
    // A real 1×1 PNG whose header is made to claim 20,000 × 20,000 pixels (400 megapixels, 1.2 GB
    // decoded): a decompression bomb costs its sender a few bytes and the decoder gigabytes.
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } }).png().toBuffer();
    const ihdr = png.indexOf("IHDR") + 4;
    png.writeUInt32BE(20_000, ihdr);
    png.writeUInt32BE(20_000, ihdr + 4);
    png.writeUInt32BE(zlib.crc32(png.subarray(ihdr - 4, ihdr + 13)), ihdr + 13);
    // Refused from the header alone; decoding 1.2 GB would instead run this test out of memory or time.
    expect(await reencodeImage(png, "png")).toBeNull();
    expect(await cleanUpload(png, randomUUID())).toEqual({ ok: false });
  });

  it("judges at most UPLOAD_LIMIT files an hour per person, and refuses the next before parsing it", async () => {
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: "#080" } }).png().toBuffer();
    const busy = randomUUID();
    const other = randomUUID();
    // Her earlier uploads this hour, counted as each of them was.
    for (let i = 0; i < UPLOAD_LIMIT.max; i++) await hit(UPLOAD_LIMIT, busy);
    expect(await cleanUpload(png, busy)).toEqual({ ok: false, tooMany: true });
    // Someone else is not held back by her.
    expect((await cleanUpload(png, other)).ok).toBe(true);
  });
});
