import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import sharp from "sharp";
import { logger } from "./logger.server";

// Every parser of uploaded bytes runs here, bounded in size, time and pixels, so that a hostile
// file costs its own request and never the server (issue 18: file-type 19.6 looped forever on a
// crafted 118-byte file and stopped the event loop for every user). DECISIONS.md, "Parsers of
// uploaded bytes".

/** Larger files are refused before any parser sees them (the forms' own limits are 10 MB). */
export const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;

// JPEG, PNG, WebP and PDF all say what they are in their first bytes; file-type itself reads
// about this many (its `reasonableDetectionSizeInBytes`). Never the whole file.
const SNIFF_BYTES = 4100;
// Sniffing a few kilobytes takes a millisecond; a worker that has not answered in this time is
// stuck in a loop and is killed.
const SNIFF_TIMEOUT_MS = 3_000;
// 50 megapixels: a phone photo has 12 to 48; larger ones are refused rather than decoded (a
// decompression bomb declares billions of pixels in a few kilobytes).
const MAX_INPUT_PIXELS = 50_000_000;
const IMAGE_TIMEOUT_SECONDS = 20;

// The worker loads file-type by its resolved address, so it finds the same copy from the test
// runner, the development server and the built server alike.
const fileTypeUrl = pathToFileURL(createRequire(import.meta.url).resolve("file-type")).href;

// CommonJS source for `new Worker(…, { eval: true })`: no separate file to build and ship.
const SNIFFER = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData.module)
  .then(({ fileTypeFromBuffer }) => fileTypeFromBuffer(workerData.bytes))
  .then((type) => parentPort.postMessage(type ? type.mime : null), () => parentPort.postMessage(null));
`;

/**
 * The file's type from its first bytes, or null when it is unknown, or its parser did not answer
 * in time. Runs file-type in a worker thread: a parser stuck in a loop (even a loop of resolved
 * promises, which no timer in this thread could interrupt) is terminated, not waited for.
 */
export function sniffType(bytes: Uint8Array, timeoutMs = SNIFF_TIMEOUT_MS): Promise<string | null> {
  const head = Uint8Array.from(bytes.subarray(0, SNIFF_BYTES));
  return new Promise((resolve) => {
    const worker = new Worker(SNIFFER, {
      eval: true,
      workerData: { module: fileTypeUrl, bytes: head },
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    let settled = false;
    const finish = (mime: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(mime);
    };
    const timer = setTimeout(() => {
      logger.warn("upload refused: type detection timed out");
      finish(null);
    }, timeoutMs);
    worker.once("message", (mime: string | null) => finish(mime));
    worker.once("error", () => finish(null));
    worker.once("exit", () => finish(null));
  });
}

/**
 * The image decoded and encoded again as `format`, turned upright first, so that nothing of the
 * original file but its pixels is kept (sharp writes no EXIF: GPS position, phone model, time),
 * or null when it does not decode within the bounds.
 */
export async function reencodeImage(bytes: Uint8Array, format: "jpeg" | "png" | "webp"): Promise<Uint8Array | null> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return null;
  try {
    return await sharp(bytes, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true })
      .rotate()
      .toFormat(format)
      .timeout({ seconds: IMAGE_TIMEOUT_SECONDS })
      .toBuffer();
  } catch (error) {
    // Claims to be an image but does not decode (or is too large): refused like any unknown file.
    logger.warn("image refused", { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
