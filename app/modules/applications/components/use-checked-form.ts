import { useSubmit } from "@remix-run/react";
import { submitAsDocument, workerControlsPage } from "../../../components/ui/form";
import { useEffect, useState, type FormEvent } from "react";
import type * as z from "zod/mini";

/**
 * For the small forms (the consent, choosing a group and a round): the same zod schema as the
 * server checks the form when it is sent, with no form library on the page. The schema is
 * fetched after the page is shown; without JavaScript the form posts as it is and the server's
 * check (the same schema) answers.
 */
export function useCheckedForm(
  loadSchema: () => Promise<z.ZodMiniType>,
  options: { serverErrors?: Record<string, string>; unchecked?: readonly string[] } = {},
) {
  const submit = useSubmit();
  const [errors, setErrors] = useState<Record<string, string> | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- fetched once, whatever the renders
  useEffect(() => void loadSchema(), []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter && options.unchecked?.includes(submitter.value)) return;
    event.preventDefault();
    const form = event.currentTarget;
    const values = Object.fromEntries([...new FormData(form)].filter(([key]) => key !== "intent"));
    void loadSchema().then((schema) => {
      const result = schema.safeParse(values);
      if (result.success) {
        setErrors(null);
        if (workerControlsPage()) submitAsDocument(form, submitter);
        else submit(submitter ?? form);
        return;
      }
      const found: Record<string, string> = {};
      for (const issue of result.error.issues) found[String(issue.path[0] ?? "")] ??= issue.message;
      setErrors(found);
    });
  }

  return {
    onSubmit,
    /** The catalogue key of the field's message: the browser's check first, else the server's. */
    errorFor: (name: string) => errors?.[name] ?? (errors ? undefined : options.serverErrors?.[name]),
    formError: options.serverErrors?.[""],
  };
}
