import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError, Notice } from "../components/ui/field";
import { isEmail } from "../forms/fields-mini";
import { MAX_FORM_BYTES, parseForm, readForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { auth } from "../i18n/areas/auth";
import { useT, type MessagesHandle } from "../i18n/use-t";
import { codeResetSchema, forgotPasswordSchema } from "../modules/auth/auth.schema";
import { requestPasswordReset } from "../modules/auth/auth.server";
import { CODE_TTL_MS, resetWithCode, sendCode } from "../modules/auth/codes.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { requestMeta } from "../modules/auth/request-meta.server";
import { phoneChannelsOn } from "../modules/notifications/preferences.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle & MessagesHandle = { access: "public", messages: [auth] };
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "forgot.title");

export function loader(_: LoaderFunctionArgs) {
  const on = phoneChannelsOn();
  return { phoneOn: on.sms || on.zalo, minutes: CODE_TTL_MS / 60_000 };
}

// An e-mail address gets a link; a phone number gets a code by Zalo or SMS, typed on the second
// form with the new password. That form also takes a code a facilitator handed over in person.
export async function action({ request, context }: ActionFunctionArgs) {
  const meta = await requestMeta(request, context);
  const body = await readForm(request, MAX_FORM_BYTES);
  if (!(body instanceof FormData)) return data({ step: "ask" as const, errors: { "": body }, values: {} }, { status: 400 });
  if (body.get("intent") === "reset") {
    const form = await parseForm(body, codeResetSchema);
    if (!form.ok) return data({ step: "code" as const, errors: form.errors, values: form.values }, { status: 400 });
    const outcome = await resetWithCode(form.data, meta);
    if (!outcome.ok) return data({ step: "code" as const, errors: outcome.errors, values: { phone: form.data.phone } }, { status: outcome.status });
    return { step: "done" as const, errors: undefined, values: undefined };
  }
  const form = await parseForm(body, forgotPasswordSchema);
  if (!form.ok) return data({ step: "ask" as const, errors: form.errors, values: form.values }, { status: 400 });
  const { identifier } = form.data;
  const outcome = isEmail(identifier) ? await requestPasswordReset(identifier, meta) : await sendCode(identifier, "reset", meta);
  if (!outcome.ok) return data({ step: "ask" as const, errors: outcome.errors, values: { identifier } }, { status: outcome.status });
  if (isEmail(identifier)) return { step: "linkSent" as const, errors: undefined, values: undefined };
  return { step: "code" as const, sent: true, errors: undefined, values: { phone: identifier } };
}

export default function ForgotPassword() {
  const t = useT();
  const { phoneOn, minutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const step = actionData?.step ?? (params.get("code") ? "code" : "ask");
  const ask = useZodForm(forgotPasswordSchema, { serverErrors: step === "ask" ? actionData?.errors : undefined });
  const reset = useZodForm(codeResetSchema, { serverErrors: step === "code" ? actionData?.errors : undefined });
  const values = (actionData?.values ?? {}) as Record<string, unknown>;
  if (step === "done") {
    return (
      <section>
        <h1>{t("forgot.title")}</h1>
        <Notice>{t("reset.done")}</Notice>
        <Link to="/login">{t("nav.login")}</Link>
      </section>
    );
  }
  if (step === "code") {
    return (
      <section>
        <h1>{t("forgot.codeTitle")}</h1>
        {actionData && "sent" in actionData ? <Notice>{t("forgot.codeSent", { minutes })}</Notice> : <p>{t("forgot.codeIntro")}</p>}
        <FormError error={reset.formError} />
        <Form method="post" className="stack" noValidate onSubmit={reset.onSubmit}>
          <input type="hidden" name="intent" value="reset" />
          <Field
            label={t("codeLogin.phone")}
            hint={t("codeLogin.phoneHint")}
            type="tel"
            autoComplete="tel"
            defaultValue={typeof values.phone === "string" ? values.phone : ""}
            error={reset.errorFor("phone")}
            {...reset.register("phone")}
          />
          <Field label={t("codeLogin.code")} hint={t("codeLogin.codeHint")} inputMode="numeric" autoComplete="one-time-code" error={reset.errorFor("code")} {...reset.register("code")} />
          <Field label={t("reset.password")} hint={t("register.passwordHint")} type="password" autoComplete="new-password" error={reset.errorFor("password")} {...reset.register("password")} />
          <Field label={t("reset.confirm")} type="password" autoComplete="new-password" error={reset.errorFor("confirm")} {...reset.register("confirm")} />
          <div>
            <button type="submit">{t("reset.submit")}</button>
          </div>
        </Form>
        <p>
          <Link to="/forgot-password">{t("forgot.askAgain")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t("forgot.title")}</h1>
      {step === "linkSent" ? <Notice>{t("forgot.sent")}</Notice> : null}
      <p>{phoneOn ? t("forgot.intro") : t("forgot.introEmailOnly")}</p>
      <FormError error={ask.formError} />
      <Form method="post" className="stack" noValidate onSubmit={ask.onSubmit}>
        <Field
          label={t("forgot.identifier")}
          hint={t("login.identifierHint")}
          autoComplete="username"
          defaultValue={typeof values.identifier === "string" ? values.identifier : ""}
          error={ask.errorFor("identifier")}
          {...ask.register("identifier")}
        />
        <div>
          <button type="submit">{t("forgot.submit")}</button>
        </div>
      </Form>
      <p>
        <Link to="/forgot-password?code=1">{t("forgot.haveCode")}</Link>
      </p>
      <p className="muted">{t("forgot.noPhone")}</p>
    </section>
  );
}
