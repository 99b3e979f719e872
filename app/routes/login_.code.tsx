import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { Field, FormError, Notice } from "../components/ui/field";
import { badRequest, MAX_FORM_BYTES, parseForm, readForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { auth } from "../i18n/areas/auth";
import { useT, type MessagesHandle } from "../i18n/use-t";
import { codeLoginSchema, codeRequestSchema } from "../modules/auth/auth.schema";
import { CODE_TTL_MS, logInWithCode, sendCode } from "../modules/auth/codes.server";
import { getUser } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { requestMeta } from "../modules/auth/request-meta.server";
import { phoneChannelsOn } from "../modules/notifications/preferences.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle & MessagesHandle = { access: "public", messages: [auth] };
export const meta: MetaFunction = ({ matches }) => titleFor(matches, "codeLogin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  const on = phoneChannelsOn();
  return { phoneOn: on.sms || on.zalo, minutes: CODE_TTL_MS / 60_000 };
}

// Two steps on one page, as plain posts: the phone number (a code is sent), then the code.
export async function action({ request, context }: ActionFunctionArgs) {
  const meta = await requestMeta(request, context);
  const body = await readForm(request, MAX_FORM_BYTES);
  if (!(body instanceof FormData)) return badRequest({ "": body });
  if (body.get("intent") === "verify") {
    const form = await parseForm(body, codeLoginSchema);
    if (!form.ok) return badRequest(form.errors, form.values);
    const outcome = await logInWithCode(request, form.data, meta);
    if (!outcome.ok) return data({ errors: outcome.errors, values: { phone: form.data.phone }, sent: true as const }, { status: outcome.status });
    return redirect(form.data.redirectTo, { headers: { "Set-Cookie": outcome.setCookie } });
  }
  const form = await parseForm(body, codeRequestSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  const outcome = await sendCode(form.data.phone, "login", meta);
  if (!outcome.ok) return data({ errors: outcome.errors, values: { phone: form.data.phone } }, { status: outcome.status });
  return { sent: true as const, values: { phone: form.data.phone }, errors: undefined };
}

export default function LoginWithCode() {
  const t = useT();
  const { phoneOn, minutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const sent = Boolean(actionData && "sent" in actionData && actionData.sent);
  const phone = actionData?.values && "phone" in actionData.values ? String(actionData.values.phone ?? "") : "";
  const serverErrors = actionData?.errors;
  const request = useZodForm(codeRequestSchema, { serverErrors: sent ? undefined : serverErrors });
  const verify = useZodForm(codeLoginSchema, { serverErrors: sent ? serverErrors : undefined });
  const redirectTo = params.get("redirectTo") ?? "/";
  return (
    <section>
      <h1>{t("codeLogin.title")}</h1>
      {!phoneOn ? <Notice>{t("codeLogin.off")}</Notice> : null}
      {sent ? (
        <>
          <Notice>{t("codeLogin.sent", { minutes })}</Notice>
          <FormError error={verify.formError} />
          <Form method="post" className="stack" noValidate onSubmit={verify.onSubmit}>
            <input type="hidden" name="intent" value="verify" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            {/* Registered, so that the browser's check sees the number the code was sent to. */}
            <input type="hidden" {...verify.register("phone")} defaultValue={phone} />
            <FormError error={verify.errorFor("phone")} />
            <Field
              label={t("codeLogin.code")}
              hint={t("codeLogin.codeHint")}
              inputMode="numeric"
              autoComplete="one-time-code"
              error={verify.errorFor("code")}
              {...verify.register("code")}
            />
            <div>
              <button type="submit">{t("login.submit")}</button>
            </div>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="send" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <input type="hidden" name="phone" value={phone} />
            <button type="submit" className="secondary">
              {t("codeLogin.again")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t("codeLogin.intro")}</p>
          <FormError error={request.formError} />
          <Form method="post" className="stack" noValidate onSubmit={request.onSubmit}>
            <input type="hidden" name="intent" value="send" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field
              label={t("codeLogin.phone")}
              hint={t("codeLogin.phoneHint")}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              defaultValue={phone}
              error={request.errorFor("phone")}
              {...request.register("phone")}
            />
            <div>
              <button type="submit">{t("codeLogin.send")}</button>
            </div>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("codeLogin.withPassword")}</Link>
      </p>
    </section>
  );
}
