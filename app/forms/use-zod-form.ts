import { zodResolver } from "@hookform/resolvers/zod";
import { useActionData, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { useForm, type FieldValues, type Path } from "react-hook-form";
import type * as z from "zod/mini";
import { submitAsDocument, workerControlsPage } from "../components/ui/form";
import { maxLengthOf } from "./limits";
import "./zod-config";

/**
 * react-hook-form over the form's zod schema, for instant messages in the browser. The form stays
 * a plain <form method="post"> of named native inputs: without JavaScript it posts as is, and with
 * it, a valid form is submitted through Remix with exactly the same fields.
 */
export function useZodForm<S extends z.core.$ZodType<unknown, FieldValues>>(
  schema: S,
  options: { serverErrors?: Record<string, string>; defaultValues?: Partial<z.input<S>> } = {},
) {
  const form = useForm<z.input<S>>({
    // The resolver's generics do not follow a generic schema; the runtime contract is the same.
    resolver: zodResolver(schema as never) as never,
    mode: "onTouched",
    defaultValues: options.defaultValues as never,
  });
  const submit = useSubmit();
  const { errors } = form.formState;
  const deferBlur = useBlurAfterPress();
  // A failed post answers { errors, values } (badRequest): without JavaScript the page is new,
  // so the typed values are put back as the inputs' default values.
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string | string[]> }>();
  const serverErrors = options.serverErrors ?? actionData?.errors;
  const serverValues = actionData?.values ?? {};

  /** The catalogue key of the field's message: the browser's check first, else the server's. */
  function errorFor(name: string): string | undefined {
    const own = (errors as Record<string, { message?: string } | undefined>)[name]?.message;
    if (own) return own;
    return serverErrors?.[name];
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const element = event.currentTarget;
    void form.handleSubmit(() =>
      workerControlsPage() ? submitAsDocument(element, submitter) : submit(submitter ?? element),
    )(event);
  }

  return {
    register: (name: Path<z.input<S>>) => {
      const typed = serverValues[name];
      const maxLength = maxLengthOf(schema, name);
      const registered = form.register(name);
      const onBlur: typeof registered.onBlur = (event) => new Promise((done) => deferBlur(() => done(registered.onBlur(event))));
      const withBlur = { ...registered, onBlur };
      const input = maxLength === undefined ? withBlur : { ...withBlur, maxLength };
      // Only when something was typed: otherwise a default the page passes itself must stand.
      return typeof typed === "string" ? { ...input, defaultValue: typed } : input;
    },
    errorFor,
    onSubmit,
    formError: serverErrors?.[""],
    /** The server's messages by field, for the summary at the top of a long form (ErrorSummary). */
    serverErrors,
  };
}

/**
 * A field's message appears when she leaves it, and moves everything below it down. When she
 * leaves it by pressing the form's button, the button moves from under her finger before the
 * press ends, the click is lost, and only that one message shows: the form looked as if it
 * hid the other fields' "required" messages. So a blur that happens while a press is under way
 * is checked once the press (and its click) is over.
 */
function useBlurAfterPress() {
  const pressing = useRef(false);
  const waiting = useRef<(() => void)[]>([]);
  useEffect(() => {
    const down = () => {
      pressing.current = true;
    };
    const up = () => {
      pressing.current = false;
      // After the click this press makes, which the browser dispatches right after pointerup.
      setTimeout(() => {
        const run = waiting.current;
        waiting.current = [];
        for (const check of run) check();
      }, 0);
    };
    document.addEventListener("pointerdown", down, true);
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
    return () => {
      document.removeEventListener("pointerdown", down, true);
      document.removeEventListener("pointerup", up, true);
      document.removeEventListener("pointercancel", up, true);
    };
  }, []);
  return (check: () => void) => {
    if (pressing.current) waiting.current.push(check);
    else check();
  };
}
