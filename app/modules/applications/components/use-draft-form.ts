import { useBlocker, useFetcher, useSubmit } from "@remix-run/react";
import { submitAsDocument, workerControlsPage } from "../../../components/ui/form";
import { useEffect, useMemo, useRef, type ChangeEvent, type FormEvent } from "react";
import { get, useForm, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type * as z from "zod/mini";

/** What the step's action answers to an autosave post. */
export interface AutosaveAnswer {
  /** When it was saved, as the reader tells the time ("14:05", Viet Nam time). */
  autosaved?: string;
  amounts?: Record<string, string>;
  errors?: Record<string, string>;
}

// Long enough not to post on every key, short enough that little is lost when the signal drops.
const AUTOSAVE_AFTER_MS = 1500;

/**
 * The form's own zod schema, fetched after the page is shown. The validation code (zod and the
 * schemas, some 40 kB compressed) is the largest part of a step page's JavaScript; on 3G the page
 * is read and typed into before it arrives, and without it the plain post and the server's
 * check (the same schema) still hold.
 */
function lazyResolver<S extends z.core.$ZodType<unknown, FieldValues>>(load: () => Promise<S>): { resolver: Resolver<z.input<S>>; warm: () => void } {
  let ready: Promise<Resolver<z.input<S>>> | undefined;
  const resolve = () =>
    (ready ??= Promise.all([load(), import("@hookform/resolvers/zod")]).then(
      // The resolver's generics do not follow a generic schema; the runtime contract is the same.
      ([schema, { zodResolver }]) => zodResolver(schema as never) as unknown as Resolver<z.input<S>>,
    ));
  return {
    resolver: async (values, context, options) => (await resolve())(values, context, options),
    warm: () => void resolve(),
  };
}

/**
 * useZodForm (app/forms/use-zod-form.ts) for the wizard: the same schema gives instant messages,
 * including for the rows of the budget ("item.2"), and with `autosave` the draft is also posted
 * to the step's own action as the person types (intent=autosave), exactly the fields a click on
 * "save" would send. Without JavaScript none of this runs and the form posts as it is.
 */
export function useDraftForm<S extends z.core.$ZodType<unknown, FieldValues>>(
  loadSchema: () => Promise<S>,
  options: {
    serverErrors?: Record<string, string>;
    defaultValues?: Partial<z.input<S>>;
    autosave?: boolean;
    /** Buttons that post without the browser's check, e.g. "back" on the review page. */
    unchecked?: readonly string[];
  } = {},
) {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one loader per form, whatever the renders
  const lazy = useMemo(() => lazyResolver(loadSchema), []);
  const form = useForm<z.input<S>>({
    resolver: lazy.resolver,
    mode: "onTouched",
    defaultValues: options.defaultValues as never,
  });
  const submit = useSubmit();
  const fetcher = useFetcher<AutosaveAnswer>();
  const formRef = useRef<HTMLFormElement>(null);
  const post = useRef(fetcher.submit);
  post.current = fetcher.submit;
  const { errors } = form.formState;

  // Fetched once the page is up, so that the first message does not wait for the network.
  useEffect(() => lazy.warm(), [lazy]);

  const autosave = Boolean(options.autosave);
  // Typed but not yet posted: the autosave waits for a pause in typing.
  const pending = useRef(false);
  const flush = useRef(() => {});
  useEffect(() => {
    if (!autosave) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    flush.current = () => {
      clearTimeout(timer);
      if (!pending.current || !formRef.current) return;
      pending.current = false;
      const data = new FormData(formRef.current);
      data.set("intent", "autosave");
      post.current(data, { method: "post" });
    };
    const subscription = form.watch(() => {
      pending.current = true;
      clearTimeout(timer);
      timer = setTimeout(() => flush.current(), AUTOSAVE_AFTER_MS);
    });
    // Closing the tab or reloading within that pause: the browser asks first.
    const warn = (event: BeforeUnloadEvent) => {
      if (pending.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer);
      window.removeEventListener("beforeunload", warn);
    };
  }, [autosave, form]);

  // Leaving by a link (the step list, the menu) within that pause: what was typed is saved first,
  // then the page changes.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => autosave && (pending.current || fetcher.state !== "idle") && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (pending.current) flush.current();
    else if (fetcher.state === "idle") blocker.proceed();
  }, [blocker, fetcher.state]);

  /** The catalogue key of the field's message: the browser's check first, else the server's. */
  function errorFor(name: string): string | undefined {
    const own = (get(errors, name) as { message?: string } | undefined)?.message;
    return own ?? fetcher.data?.errors?.[name] ?? options.serverErrors?.[name];
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    // Removing a row must work even when that very row is half filled: the server drops it first.
    if (submitter && (submitter.value.startsWith("remove-") || options.unchecked?.includes(submitter.value))) {
      event.preventDefault();
      submit(submitter);
      return;
    }
    const element = event.currentTarget;
    // On the field app's phone a step posts as a page, which the worker keeps without signal.
    void form.handleSubmit(() => (workerControlsPage() ? submitAsDocument(element, submitter) : submit(submitter ?? element)))(event);
  }

  /**
   * A budget row's input. It is posted under the column's name ("item", repeated), as a form does
   * without JavaScript, while react-hook-form knows it as "item.2"; its own change handler finds
   * fields by the input's name, so the value is set and checked here instead.
   */
  function registerRow(name: Path<z.input<S>>) {
    const { ref } = form.register(name);
    return {
      ref,
      onChange: (event: ChangeEvent<HTMLInputElement>) =>
        form.setValue(name, event.target.value as never, { shouldDirty: true, shouldValidate: Boolean(get(form.formState.errors, name)) }),
      onBlur: () => void form.trigger(name),
    };
  }

  return {
    formRef,
    register: (name: Path<z.input<S>>) => form.register(name),
    registerRow,
    errorFor,
    onSubmit,
    formError: options.serverErrors?.[""],
    autosave: {
      state: fetcher.state,
      savedAt: fetcher.data?.autosaved,
      failed: Boolean(fetcher.data?.errors),
      amounts: fetcher.data?.amounts,
    },
  };
}
