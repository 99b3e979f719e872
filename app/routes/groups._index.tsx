import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Field } from "../components/ui/field";
import { Filters } from "../components/ui/filters";
import { Pager } from "../components/ui/pager";
import { pageNumber } from "../forms/query";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { listGroups, scopeFor } from "../modules/groups/groups.server";
import { titleFor } from "../i18n/title";

export const handle: RouteHandle = { access: ["applicant", "facilitator", "admin"] };

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "groups.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, ["applicant", "facilitator", "admin"]);
  const url = new URL(request.url);
  const page = pageNumber(url);
  const q = url.searchParams.get("q")?.slice(0, 100) ?? "";
  const scope = scopeFor(user);
  const { groups, hasNext } = await listGroups({ scope, page, search: q });
  return { view: scope.kind, groups, page, hasNext, q };
}

export default function Groups() {
  const t = useT();
  const { view, groups, page, hasNext, q } = useLoaderData<typeof loader>();
  const title = view === "all" ? "groups.list.allTitle" : view === "facilitator" ? "groups.list.facilitatorTitle" : "groups.list.ownerTitle";
  return (
    <section>
      <h1>{t(title)}</h1>
      {view === "owner" && groups.length === 0 ? (
        <div className="card">
          <h2>{t("groups.cta.title")}</h2>
          <p>{t("groups.cta.body")}</p>
          <p>
            <Link className="button" to="/groups/new">
              {t("groups.cta.button")}
            </Link>
          </p>
        </div>
      ) : null}
      {view === "owner" ? (
        <p>
          {t("groups.join.question")} <Link to="/groups/join">{t("groups.join.title")}</Link>
        </p>
      ) : null}
      {view === "facilitator" ? (
        <p>
          <Link className="button" to="/groups/new">
            {t("groups.list.registerNew")}
          </Link>
        </p>
      ) : null}
      {view !== "owner" ? (
        <Filters submitLabel={t("groups.list.searchSubmit")}>
          <Field id="q" name="q" type="search" defaultValue={q} maxLength={100} label={t("groups.list.search")} />
        </Filters>
      ) : null}
      {view !== "owner" && groups.length === 0 ? <p>{q ? t("groups.list.noMatch") : t("groups.list.empty")}</p> : null}
      {groups.map((group) => (
        <article key={group.id} className="card">
          <h2>
            <Link to={`/groups/${group.id}`}>{group.name}</Link>
          </h2>
          <p>
            {`${t(`groups.kind.${group.kind}`)} · ${group.village}, ${group.commune}, ${t.locale === "vi" ? group.provinceVi : group.provinceEn}`}
          </p>
          <p className="muted">
            {t("groups.list.leader", { name: group.leaderName })} · {t("groups.list.members", { count: group.members })}
          </p>
        </article>
      ))}
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
