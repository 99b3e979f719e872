import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { registerCatalogue } from "./i18n/i18n";

// Only the page's language is downloaded; the page was rendered on the server and works without
// this script, so waiting for the catalogue before hydrating costs nothing visible.
const load = document.documentElement.lang === "en" ? import("./i18n/en").then((m) => ["en", m.en] as const) : import("./i18n/vi").then((m) => ["vi", m.vi] as const);

void load.then(([locale, messages]) => {
  registerCatalogue(locale, messages);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
