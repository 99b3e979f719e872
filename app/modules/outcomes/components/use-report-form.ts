import { zodResolver } from "@hookform/resolvers/zod";
import { useActionData, useSubmit } from "@remix-run/react";
import { submitAsDocument, workerControlsPage } from "../../../components/ui/form";
import type { ChangeEvent, FormEvent } from "react";
import { get, useForm, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";

/**
 * useZodForm (app/forms/use-zod-form.ts) with what the report form needs besides: repeated rows
 * (each member's income, posted under one column name as a form does without JavaScript) and the
 * live value of a field (to write an amount in words as it is typed). The form stays a plain
 * <form method="post"> of named native inputs.
 */
export function useReportForm<S extends z.ZodType<unknown, FieldValues>>(schema: S, options: { defaultValues?: Partial<z.input<S>> } = {}) {
  const form = useForm<z.input<S>>({
    // The resolver's generics do not follow a generic schema; the runtime contract is the same.
    resolver: zodResolver(schema as never) as never,
    mode: "onTouched",
    defaultValues: options.defaultValues as never,
  });
  const submit = useSubmit();
  const actionData = useActionData<{ errors?: Record<string, string> }>();
  const serverErrors = actionData?.errors;

  function errorFor(name: string): string | undefined {
    const own = (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
    return own ?? serverErrors?.[name];
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const element = event.currentTarget;
    // On the field app's phone the report posts as a page, which the worker keeps without signal.
    void form.handleSubmit(() => (workerControlsPage() ? submitAsDocument(element, submitter) : submit(submitter ?? element)))(event);
  }

  /** A roster row's input: posted as `memberIncome` (repeated), known to react-hook-form as "memberIncome.3". */
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
    register: (name: Path<z.input<S>>) => form.register(name),
    registerRow,
    watch: (name: Path<z.input<S>>) => form.watch(name) as unknown,
    errorFor,
    onSubmit,
    formError: serverErrors?.[""],
  };
}
