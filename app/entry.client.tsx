import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalogue } from "./i18n/load-catalogue";

// Only the page's language is downloaded; the page was rendered on the server and works without
// this script, so waiting for the catalogue before hydrating costs nothing visible.
void loadCatalogue(document.documentElement.lang === "en" ? "en" : "vi").then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
