// No SMS or Zalo message wakes anyone: between 21:00 and 07:00 in Viet Nam (UTC+7 all year, no
// summer time) phone notices wait for the morning. One-time codes do not: she is waiting for them.

const OFFSET_MS = 7 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 7;

function localHour(at: Date): number {
  return new Date(at.getTime() + OFFSET_MS).getUTCHours();
}

export function isQuietHour(at: Date): boolean {
  const hour = localHour(at);
  return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR;
}

/** The next 07:00 in Viet Nam after a moment in the quiet hours (or the moment itself outside them). */
export function endOfQuietHours(at: Date): Date {
  if (!isQuietHour(at)) return at;
  const local = new Date(at.getTime() + OFFSET_MS);
  const morning = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), QUIET_UNTIL_HOUR);
  const next = local.getUTCHours() >= QUIET_FROM_HOUR ? morning + 24 * HOUR_MS : morning;
  return new Date(next - OFFSET_MS);
}
