import { Form } from "./form";
import type { ReactNode } from "react";

/**
 * A list's filters: a GET form, so the filtered list has its own address (shareable, back button)
 * and works without JavaScript. Changing a filter starts again from the first page.
 */
export function Filters({
  label,
  submitLabel,
  children,
  after,
}: {
  /** Names the search landmark for screen readers, when a page has more than one. */
  label?: string;
  submitLabel: string;
  children: ReactNode;
  /** Beside the button, e.g. a link that clears the filters. */
  after?: ReactNode;
}) {
  return (
    <Form method="get" className="filters" aria-label={label} role="search">
      {children}
      <div className="inline-form">
        <button type="submit" className="secondary">
          {submitLabel}
        </button>
        {after}
      </div>
    </Form>
  );
}
