import * as z from "zod/mini";

// zod 4 compiles object schemas with `new Function` when it may, and finds out by trying once.
// Under our CSP (no 'unsafe-eval' in script-src) that try is refused, caught by zod, and still
// reported by the browser as a violation on every page with a form (e2e/csp.spec.ts).
// "jitless" skips the try and the compilation; the forms are small, the difference is nil.
z.config({ jitless: true });
