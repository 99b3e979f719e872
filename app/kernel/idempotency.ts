// The name of the hidden field every posted form carries (components/ui/form.tsx): a key made
// when the page is rendered, so that the same submission sent twice is answered once. Safe on
// the client.
export const IDEMPOTENCY_FIELD = "_idempotency";

/** What a key may look like: the page's seed, the form's place on the page (ui/form.tsx). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9:_.-]{16,120}$/;
