import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { titleFor } from "../i18n/title";
import { useT } from "../i18n/use-t";
import { requireAccess } from "../modules/auth/guards.server";
import type { RouteHandle } from "../modules/auth/permissions";
import { closureLetter } from "../modules/grants/closure-letter";
import { loadClosureLetter } from "../modules/grants/closure.server";
import agreementStyles from "../modules/grants/components/agreement.css?url";

// A closed grant's closure letter, in the reader's language, printable on one A4 page (the
// agreement's print styles: no header, footer or links; signature lines). The group's people,
// admin and finance read it.
const access = ["applicant", "facilitator", "finance", "admin"] as const;
export const handle: RouteHandle = { access };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agreementStyles }];

export const meta: MetaFunction = ({ matches }) => titleFor(matches, "spending.letter.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, access);
  return loadClosureLetter(params.grantId ?? "", user);
}

export default function ClosureLetterPage() {
  const t = useT();
  const view = useLoaderData<typeof loader>();
  const letter = closureLetter(t, view);
  return (
    <section>
      <p className="no-print">
        <Link to={`/grants/${view.grantId}`}>{t("spending.letter.back")}</Link>
      </p>
      <p className="hint no-print">{t("spending.letter.printHint")}</p>
      <article className="agreement card" aria-labelledby="closure-heading">
        <p className="muted">{letter.reference}</p>
        <h1 id="closure-heading">{letter.heading}</h1>
        <p>{letter.to}</p>
        {letter.body.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        <dl className="closure-figures">
          {letter.figures.map((figure) => (
            <div key={figure.label}>
              <dt>{figure.label}</dt>
              <dd>{figure.value}</dd>
            </div>
          ))}
        </dl>
        <p>{letter.thanks}</p>
        <div className="signature-lines">
          <p>{letter.signature}</p>
        </div>
        <p className="screen-only muted">{letter.signature}</p>
      </article>
    </section>
  );
}
