import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A list's filters: a GET form, so the filtered list has its own address (shareable, back button)
 * and works without JavaScript. Changing a filter starts again from the first page.
 */
export function Filters({ label, submitLabel, children }: { label: string; submitLabel: string; children: ReactNode }) {
  return (
    <Form method="get" className="filters" aria-label={label} role="search">
      {children}
      <div>
        <button type="submit" className="secondary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
