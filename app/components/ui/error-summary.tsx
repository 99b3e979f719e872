import { useT } from "../../i18n/use-t";

/**
 * What a refused post got wrong, at the top of a long form, each line a link to its field (a page
 * reloaded without JavaScript opens at the top, far from the first message). `label` names a field
 * for the reader; the message alone is shown for a field it does not know.
 */
export function ErrorSummary({
  errors,
  label,
}: {
  errors?: Record<string, string>;
  label: (name: string) => string | undefined;
}) {
  const t = useT();
  const fields = Object.entries(errors ?? {}).filter(([name]) => name !== "");
  if (fields.length === 0) return null;
  return (
    <div className="alert alert-error error-summary" role="alert">
      <p>
        <strong>{t("form.errorSummary", { count: fields.length })}</strong>
      </p>
      <ul>
        {fields.map(([name, message]) => {
          const named = label(name);
          return (
            <li key={name}>
              <a href={`#field-${name}`}>
                {named ? `${named}: ${t.dynamic(message)}` : t.dynamic(message)}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
