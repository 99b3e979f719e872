import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

// By the time this runs, the page's route modules have fetched their messages, in the page's
// language only (app/i18n/load-catalogue.ts): hydration renders exactly what the server sent.
startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
