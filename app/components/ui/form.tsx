import { Form as RemixForm, useNavigation, useRouteLoaderData, type FormProps } from "@remix-run/react";
import { forwardRef, useEffect, useId, useRef, useState } from "react";
import { IDEMPOTENCY_FIELD } from "../../kernel/idempotency";

// Every form of the site, Remix's own with one hidden field: an idempotency key made when the
// page is rendered (DECISIONS.md 54). The server answers the same key and data once
// (kernel/idempotency.server.ts): a double tap, a second tab or the service worker's replay
// writes nothing twice. Without JavaScript the key is the page's seed (a fresh one each time
// the server renders a page) and the form's place on it; with JavaScript each mounted form
// takes a random one, so a page opened from the phone's copy offline never repeats a key,
// and a new one after every answer the form stays on.

/** The root loader's fresh value for each rendered page. */
function usePageSeed(): string {
  const root = useRouteLoaderData<{ formSeed?: string }>("root");
  return root?.formSeed ?? "page-seed-missing";
}

function randomKey(): string {
  return `k-${crypto.randomUUID()}`;
}

export const Form = forwardRef<HTMLFormElement, FormProps>(function Form({ children, ...props }, ref) {
  const method = (props.method ?? "get").toLowerCase();
  const seed = usePageSeed();
  const place = useId();
  const [key, setKey] = useState(() => `${seed}:${place.replace(/[^A-Za-z0-9]/g, "")}`);
  const navigation = useNavigation();
  const wasSubmitting = useRef(false);
  useEffect(() => setKey(randomKey()), []);
  useEffect(() => {
    const submitting = navigation.state !== "idle" && navigation.formMethod !== undefined;
    if (wasSubmitting.current && !submitting) setKey(randomKey());
    wasSubmitting.current = submitting;
  }, [navigation.state, navigation.formMethod]);
  return (
    <RemixForm ref={ref} {...props}>
      {method === "get" ? null : <input type="hidden" name={IDEMPOTENCY_FIELD} value={key} />}
      {children}
    </RemixForm>
  );
});
