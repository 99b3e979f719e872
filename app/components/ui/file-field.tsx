import { useT } from "../../i18n/use-t";

/**
 * A labelled file input named `file`, wired like Field for screen readers: the hint says what is
 * accepted, the error (a catalogue key) what was wrong with the last upload. Posts without
 * JavaScript in a multipart form.
 */
export function FileField({ label, hint, accept, error }: { label: string; hint: string; accept: string; error?: string }) {
  const t = useT();
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor="field-file">{label}</label>
      <p className="hint" id="field-file-hint">
        {hint}
      </p>
      <input
        id="field-file"
        name="file"
        type="file"
        accept={accept}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "field-file-hint field-file-error" : "field-file-hint"}
      />
      {error ? (
        <p className="field-error" id="field-file-error">
          {t.dynamic(error)}
        </p>
      ) : null}
    </div>
  );
}
