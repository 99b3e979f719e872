// No SMS or Zalo message wakes anyone: by default between 21:00 and 07:00 in Viet Nam (UTC+7 all
// year, no summer time) phone notices wait for the morning. One-time codes do not: she is waiting
// for them. PHONE_QUIET_HOURS sets other hours ("22-6"), or "none" (end-to-end runs at any hour).

const OFFSET_MS = 7 * 60 * 60 * 1000;

export interface QuietHours {
  from: number;
  until: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { from: 21, until: 7 };

/** "21-7" → { from: 21, until: 7 }; "none" → null. */
export function parseQuietHours(value: string): QuietHours | null {
  if (value === "none") return null;
  const [from, until] = value.split("-").map(Number);
  return { from, until };
}

function localHour(at: Date): number {
  return new Date(at.getTime() + OFFSET_MS).getUTCHours();
}

export function isQuietHour(at: Date, hours: QuietHours | null = DEFAULT_QUIET_HOURS): boolean {
  if (!hours || hours.from === hours.until) return false;
  const hour = localHour(at);
  return hours.from > hours.until ? hour >= hours.from || hour < hours.until : hour >= hours.from && hour < hours.until;
}
