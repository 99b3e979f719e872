/** Kilobytes or megabytes, for people choosing what to send over a slow line. */
export function fileSize(bytes: number, locale: string): string {
  const format = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${format.format(bytes / 1024 / 1024)} MB` : `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
