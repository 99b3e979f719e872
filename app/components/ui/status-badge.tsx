/**
 * How a state reads at a glance. The domain decides which of its states is which tone (each
 * module's `status-tone.ts`); this piece knows no states.
 */
export type Tone = "neutral" | "waiting" | "good" | "bad";

export function StatusBadge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
