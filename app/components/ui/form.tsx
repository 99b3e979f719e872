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

/**
 * Whether the field app's worker serves this page (a facilitator's phone, DECISIONS.md 54). Its
 * forms then post as documents, which the worker keeps when the signal is gone; a post made by
 * script would be lost with the page.
 */
export function workerControlsPage(): boolean {
  return typeof navigator !== "undefined" && Boolean(navigator.serviceWorker?.controller);
}

/** Posts a form the way a browser without JavaScript does, with the pressed button's value. */
export function submitAsDocument(form: HTMLFormElement, submitter: HTMLButtonElement | null): void {
  if (submitter?.name) {
    const pressed = document.createElement("input");
    pressed.type = "hidden";
    pressed.name = submitter.name;
    pressed.value = submitter.value;
    form.appendChild(pressed);
  }
  // form.submit() ignores the button's own formenctype (a photo's upload button is multipart).
  if (submitter?.hasAttribute("formenctype")) form.enctype = submitter.formEnctype;
  if (submitter?.hasAttribute("formaction")) form.action = submitter.formAction;
  HTMLFormElement.prototype.submit.call(form);
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
  const [asDocument, setAsDocument] = useState(false);
  useEffect(() => {
    setKey(randomKey());
    setAsDocument(workerControlsPage());
  }, []);
  useEffect(() => {
    const submitting = navigation.state !== "idle" && navigation.formMethod !== undefined;
    if (wasSubmitting.current && !submitting) setKey(randomKey());
    wasSubmitting.current = submitting;
  }, [navigation.state, navigation.formMethod]);
  return (
    <RemixForm ref={ref} {...props} reloadDocument={props.reloadDocument || (asDocument && method !== "get")}>
      {method === "get" ? null : <input type="hidden" name={IDEMPOTENCY_FIELD} value={key} />}
      {children}
    </RemixForm>
  );
});
