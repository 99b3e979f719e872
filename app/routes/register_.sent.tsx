import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { auth } from "../i18n/areas/auth";
import { useT, type MessagesHandle } from "../i18n/use-t";
import type { RouteHandle } from "../modules/auth/permissions";
import { titleFor } from "../i18n/title";

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "register.sent.title");

export const handle: RouteHandle & MessagesHandle = { access: "public", messages: [auth] };

/** Where a sign-up with an e-mail address lands, whether or not the address had an account. */
export default function RegisterSent() {
  const t = useT();
  return (
    <section>
      <h1>{t("register.sent.title")}</h1>
      <p>{t("register.sent.body")}</p>
      <p>{t("register.sent.noMail")}</p>
      <p>
        <Link to="/login">{t("nav.login")}</Link>
      </p>
    </section>
  );
}
