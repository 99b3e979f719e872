import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "../components/ui/form";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { loadRounds } from "../modules/applications/overview.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["applicant", "facilitator"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "applications.rounds.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator"]);
  return loadRounds(user, await getLocale(request, user.locale));
}

export default function OpenRounds() {
  const t = useT();
  const { rounds, groups } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("applications.rounds.title")}</h1>
      <p>{t("applications.rounds.intro")}</p>
      {groups.length === 0 ? (
        <p className="alert">
          {t("applications.new.noGroup")} <Link to="/groups/new">{t("applications.new.registerGroup")}</Link>
        </p>
      ) : null}
      {rounds.length === 0 ? <p>{t("applications.rounds.none")}</p> : null}
      {rounds.map((round) => (
        <article key={round.id} className="card">
          <h2>{round.title}</h2>
          <p className="muted">{round.programme}</p>
          {round.description ? <p>{round.description}</p> : null}
          <dl>
            <dt>{t("applications.rounds.closes")}</dt>
            <dd>{round.closes}</dd>
            <dt>{t("applications.rounds.grant")}</dt>
            <dd>
              {t("applications.rounds.from")} {round.minGrant}
              <br />
              {t("applications.rounds.to")} {round.maxGrant}
            </dd>
            <dt>{t("applications.rounds.activities")}</dt>
            <dd>{round.activities.map((code) => t.dynamic(`activity.${code}`)).join(", ")}</dd>
            <dt>{t("applications.rounds.provinces")}</dt>
            <dd>{round.provinces.join(", ")}</dd>
          </dl>
          {groups.map((group) => {
            const started = round.applications.find((a) => a.groupId === group.id);
            return started ? (
              <p key={group.id}>
                <Link to={`/applications/${started.id}`}>{t("applications.rounds.continue", { group: group.name })}</Link>
              </p>
            ) : (
              <Form key={group.id} method="post" action="/applications/new">
                <input type="hidden" name="round" value={round.id} />
                <input type="hidden" name="group" value={group.id} />
                <button type="submit">{t("applications.rounds.apply", { group: group.name })}</button>
              </Form>
            );
          })}
        </article>
      ))}
    </section>
  );
}
