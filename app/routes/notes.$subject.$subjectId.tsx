import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { FormError, Notice } from "../components/ui/field";
import { TextAreaField } from "../components/ui/text-area-field";
import { MAX_FORM_BYTES, parseForm, readForm, typedValues } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDateTime } from "../i18n/format";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { findApplication } from "../modules/applications/applications.server";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { loadGrant } from "../modules/grants/grant-reads.server";
import { addNote, listNotes, type NoteSubject } from "../modules/visits/notes.server";
import { noteSchema } from "../modules/visits/visits.schema";
import { isUuid } from "../kernel/ids";

// Staff notes on an application or a grant (issue 14, item 7): admins and finance only; the
// group, its facilitators and reviewers never reach this page (DECISIONS 55).
const access = ["admin", "finance"] as const;
export const handle: RouteHandle = { access };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "notes.pageTitle");

/** The note's subject, its name and the page it came from; 404 for anything else. */
async function subjectOf(params: LoaderFunctionArgs["params"], finance: boolean) {
  const id = params.subjectId ?? "";
  if (!isUuid(id)) throw new Response("Not found", { status: 404 });
  if (params.subject === "application") {
    const application = await findApplication(id);
    if (!application) throw new Response("Not found", { status: 404 });
    return { subject: { kind: "application", id } as NoteSubject, name: application.title, back: `/admin/applications/${id}` };
  }
  if (params.subject === "grant") {
    const grant = await loadGrant(id);
    if (!grant) throw new Response("Not found", { status: 404 });
    return { subject: { kind: "grant", id } as NoteSubject, name: `${grant.applicationTitle} · ${grant.group.name}`, back: finance ? `/finance/grants/${id}` : `/grants/${id}` };
  }
  throw new Response("Not found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, access);
  const { subject, name, back } = await subjectOf(params, !user.roles.includes("admin"));
  return {
    kind: subject.kind,
    name,
    back,
    notes: await listNotes(subject),
    done: new URL(request.url).searchParams.get("done") === "1",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireAccess(request, access);
  const { subject } = await subjectOf(params, !user.roles.includes("admin"));
  const body = await readForm(request, MAX_FORM_BYTES);
  if (!(body instanceof FormData)) return data({ errors: { "": body }, values: {} as Record<string, string | string[]> }, { status: 400 });
  const form = await parseForm(body, noteSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await addNote({ user, ip: context?.ip ?? "" }, subject, form.data.body);
  if (!result.ok) return data({ errors: result.errors, values: typedValues(body) }, { status: result.status });
  return redirect(`/notes/${subject.kind}/${subject.id}?done=1`);
}

export default function InternalNotes() {
  const t = useT();
  const { kind, name, back, notes, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const form = useZodForm(noteSchema, { serverErrors: answer?.errors });
  const typed = typeof answer?.values.body === "string" ? answer.values.body : undefined;
  return (
    <section className="stack">
      <p>
        <Link to={back}>{t(`notes.back.${kind}`)}</Link>
      </p>
      <h1>{t("notes.title", { subject: name })}</h1>
      {done ? <Notice>{t("notes.done")}</Notice> : null}
      <FormError error={answer?.errors[""]} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <TextAreaField label={t("notes.body")} hint={t("notes.bodyHint")} maxLength={4000} rows={4} defaultValue={typed} error={form.errorFor("body")} {...form.register("body")} />
        <div>
          <button type="submit">{t("notes.add")}</button>
        </div>
      </Form>
      {notes.length === 0 ? (
        <p className="muted">{t("notes.empty")}</p>
      ) : (
        <ol className="stack notes">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="pre-line">{note.body}</p>
              <p className="muted">{t("notes.written", { author: note.author, when: formatDateTime(note.writtenAt) })}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
