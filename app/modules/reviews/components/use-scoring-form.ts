import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useMemo, useRef, type FormEvent } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import { scoringSchema, type CriterionLimits } from "../reviews.schema";

/**
 * react-hook-form for the scoring form, which has two buttons checked by two schemas: "save
 * draft" (ranges only) and "submit" (everything required). The resolver follows the button
 * pressed, so the browser gives exactly the messages the server would. Like useZodForm, the form
 * stays a plain post of named native inputs without JavaScript.
 */
export function useScoringForm(
  criteria: readonly CriterionLimits[],
  options: { serverErrors?: Record<string, string>; defaultValues: Record<string, string | null> },
) {
  const mode = useRef<"draft" | "submit">("draft");
  const schemas = useMemo(() => ({ draft: scoringSchema(criteria, "draft"), submit: scoringSchema(criteria, "submit") }), [criteria]);
  const resolver: Resolver<FieldValues> = (values, context, resolverOptions) =>
    // The resolver's generics do not follow a schema built at run time; the contract is the same.
    (zodResolver(schemas[mode.current] as never) as Resolver<FieldValues>)(values, context, resolverOptions);
  const form = useForm<FieldValues>({ resolver, mode: "onTouched", defaultValues: options.defaultValues });
  const submit = useSubmit();
  const { errors, isSubmitted } = form.formState;

  function errorFor(name: string): string | undefined {
    const own = (errors as Record<string, { message?: string } | undefined>)[name]?.message;
    if (own) return own;
    return isSubmitted ? undefined : options.serverErrors?.[name];
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    mode.current = submitter?.value === "submit" ? "submit" : "draft";
    void form.handleSubmit(() => submit(submitter ?? event.currentTarget))(event);
  }

  return { register: (name: string) => form.register(name), errorFor, onSubmit, formError: options.serverErrors?.[""] };
}
