import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Form } from "./components/ui/form";
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { useNonce } from "./components/ui/nonce";
import { getLocale } from "./i18n/locale.server";
import { errorWords } from "./i18n/error-words";
import { translator } from "./i18n/i18n";
import { defaultLocale } from "./i18n/locales";
import { useT } from "./i18n/use-t";
import { getUser } from "./modules/auth/guards.server";
import { navigationFor } from "./modules/auth/navigation";
import { isStaffPage } from "./modules/auth/page-width";
import { countUnread } from "./modules/notifications/notifications.server";
import stylesUrl from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// A page's own meta names it; an error page is named by its error, in the reader's language.
export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  error ? [{ title: `${errorWords(translator(data?.locale ?? defaultLocale), errorStatus(error)).title} · Gieo` }] : [{ title: "Gieo" }];

function errorStatus(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}



export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await getLocale(request, user?.locale);
  return {
    locale,
    user: user ? { name: user.name, roles: user.roles } : null,
    unread: user ? await countUnread(user.id) : 0,
    // Fresh for every rendered page: the idempotency keys of its forms (components/ui/form.tsx).
    formSeed: `p-${crypto.randomUUID()}`,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const locale = data?.locale ?? defaultLocale;
  const fieldApp = isFieldAppUser(data?.user?.roles);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {fieldApp ? <link rel="manifest" href="/manifest.webmanifest" /> : null}
      </head>
      <body>
        <Shell>{children}</Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

// The field app (DECISIONS.md 54) is a facilitator's only: no other page carries its manifest, its
// worker or its script, a lazy chunk fetched after the page is up, which registers the worker.
function isFieldAppUser(roles: readonly string[] | undefined): boolean {
  return Boolean(roles?.includes("facilitator"));
}

const FieldApp = lazy(() => import("./modules/offline/components/field-app"));

/** The field app's banner and queue count, fetched after the page is up (never in its weight). */
function FieldAppAfterLoad() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return ready ? (
    <Suspense fallback={null}>
      <FieldApp />
    </Suspense>
  ) : null;
}

function Shell({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const location = useLocation();
  const user = data?.user ?? null;
  const here = `${location.pathname}${location.search}`;
  const wide = isStaffPage(useMatches().map((match) => match.handle));
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")}>
          <ul className="nav-list">
            {navigationFor(user?.roles ?? null).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"}>
                  {t(item.label)}
                  {item.to === "/notifications" && data?.unread ? ` (${data.unread})` : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {user ? (
          <Form method="post" action="/logout" className="logout">
            <span className="signed-in">{t("nav.signedInAs", { name: user.name })}</span>{" "}
            <button type="submit" className="link-button">
              {t("nav.logout")}
            </button>
          </Form>
        ) : null}
      </header>
      {isFieldAppUser(user?.roles) ? <FieldAppAfterLoad /> : null}
      <main id="main" tabIndex={-1} className={wide ? "wide" : undefined}>
        {children}
      </main>
      <footer className="site-footer">
        <form method="post" action="/language" className="language">
          <input type="hidden" name="redirectTo" value={here} />
          <span id="language-label">{t("lang.label")}:</span>{" "}
          <button type="submit" name="locale" value="vi" aria-pressed={t.locale === "vi"} lang="vi">
            {t("lang.vi")}
          </button>{" "}
          <button type="submit" name="locale" value="en" aria-pressed={t.locale === "en"} lang="en">
            {t("lang.en")}
          </button>
        </form>
        <p>{t("app.tagline")}</p>
      </footer>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

/** The one error page: 403, 404 and 500 in the reader's language, without leaking details. */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const t = translator(data?.locale ?? defaultLocale);
  const status = errorStatus(error);
  const { title, body } = errorWords(t, status);
  return (
    <section className="error-page">
      <h1>
        {title} <span className="status">({status})</span>
      </h1>
      {body ? <p>{body}</p> : null}
      <p>
        <Link to="/">{t("error.home")}</Link>
      </p>
    </section>
  );
}
