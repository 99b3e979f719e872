import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { CheckboxField, ChoiceGroup } from "../components/ui/choice-group";
import { FormError, Notice } from "../components/ui/field";
import { badRequest, parseForm } from "../forms/parse-form.server";
import { useZodForm } from "../forms/use-zod-form";
import { formatDateTime, formatPhone } from "../i18n/format";
import { useT } from "../i18n/use-t";
import { actorOf } from "../kernel/actor";
import { requireUser } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";
import { contactPreferencesSchema, phoneChannelChoices } from "../modules/notifications/notifications.schema";
import { phoneChannelsOn, preferencesFor, reachOf } from "../modules/notifications/preferences.server";
import { changeContactPreferences } from "../modules/users/contact.server";

// Each person chooses how Gieo reaches her: always in the app; by e-mail when she has an address;
// by Zalo or SMS once she agrees.
export const handle: RouteHandle = { access: "signed-in" };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "notices.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const prefs = await preferencesFor(user.id);
  return {
    email: user.email,
    phone: user.phone,
    prefs,
    reach: reachOf(user, prefs),
    on: phoneChannelsOn(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, contactPreferencesSchema);
  if (!form.ok) return badRequest(form.errors, form.values);
  await changeContactPreferences(actorOf(user, context?.ip ?? ""), { phoneChannel: form.data.phoneChannel, email: form.data.email === "yes" });
  return { saved: true as const };
}

export default function NoticeSettings() {
  const t = useT();
  const { email, phone, prefs, reach, on } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const form = useZodForm(contactPreferencesSchema, { serverErrors: errors });
  return (
    <section>
      <h1>{t("notices.title")}</h1>
      {actionData && "saved" in actionData ? <Notice>{t("notices.saved")}</Notice> : null}
      <p>{t("notices.now", { channels: reach.map((r) => t(`reach.${r}`)).join(", ") })}</p>
      <FormError error={form.formError} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        {phone ? (
          <>
            <ChoiceGroup
              id="field-phoneChannel"
              type="radio"
              legend={t("notices.phone", { phone: formatPhone(phone) })}
              hint={on.zalo || on.sms ? undefined : t("notices.phoneOff")}
              choices={phoneChannelChoices.map((c) => ({ value: c, label: t(`notices.channel.${c}`) }))}
              checked={(value) => value === prefs.phoneChannel}
              error={form.errorFor("phoneChannel")}
              input={form.register("phoneChannel")}
            />
            <CheckboxField
              label={t("notices.agree")}
              value="yes"
              defaultChecked={Boolean(prefs.phoneAgreedAt)}
              error={form.errorFor("agree")}
              {...form.register("agree")}
              defaultValue={undefined}
            />
            {prefs.phoneAgreedAt ? <p className="hint">{t("notices.agreedOn", { date: formatDateTime(prefs.phoneAgreedAt, t.locale) })}</p> : null}
          </>
        ) : (
          <>
            <input type="hidden" name="phoneChannel" value="none" />
            <p>{t("notices.noPhone")}</p>
          </>
        )}
        {email ? (
          <CheckboxField label={t("notices.email", { email })} value="yes" defaultChecked={prefs.email} {...form.register("email")} defaultValue={undefined} />
        ) : null}
        <div>
          <button type="submit">{t("notices.save")}</button>
        </div>
      </Form>
    </section>
  );
}
