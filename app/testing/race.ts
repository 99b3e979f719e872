// The randomised concurrency tests' loop (money-race, after-award-race): `total` operations,
// `atOnce` at a time, each answered or crashed, and the invariants checked after every batch.

export type Outcome = { ok: true } | { ok: false; status: number };

export async function runInBatches(
  total: number,
  atOnce: number,
  operation: (i: number) => [string, () => Promise<Outcome>],
  afterBatch: () => Promise<void>,
): Promise<{ results: { kind: string; outcome: Outcome }[]; crashes: string[] }> {
  const results: { kind: string; outcome: Outcome }[] = [];
  const crashes: string[] = [];
  for (let start = 0; start < total; start += atOnce) {
    const batch = Array.from({ length: Math.min(atOnce, total - start) }, (_, k) => operation(start + k));
    await Promise.all(
      batch.map(async ([kind, run]) => {
        try {
          results.push({ kind, outcome: await run() });
        } catch (error) {
          crashes.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
    await afterBatch();
  }
  return { results, crashes };
}
