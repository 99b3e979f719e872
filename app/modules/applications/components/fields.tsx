import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "../../../i18n/use-t";

// Long answers and choices, wired like app/components/ui/field.tsx: label, example, message.

interface Described {
  name: string;
  id?: string;
  label: string;
  hint?: string;
  /** A catalogue key, as validation gives it. */
  error?: string;
}

function useDescribed({ name, id: given, hint, error }: Described) {
  const id = given ?? `field-${name.replace(/\./g, "-")}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

function Frame({ id, label, hint, hintId, error, errorId, children, after }: {
  id: string;
  label: string;
  hint?: string;
  hintId?: string;
  error?: string;
  errorId?: string;
  children: ReactNode;
  after?: ReactNode;
}) {
  const t = useT();
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children}
      {after}
      {error ? (
        <p className="field-error" id={errorId}>
          {t.dynamic(error)}
        </p>
      ) : null}
    </div>
  );
}

export function TextArea({ name, id, label, hint, error, ...input }: Described & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const d = useDescribed({ name, id, label, hint, error });
  return (
    <Frame id={d.id} label={label} hint={hint} hintId={d.hintId} error={error} errorId={d.errorId}>
      <textarea id={d.id} name={name} rows={4} aria-invalid={error ? true : undefined} aria-describedby={d.describedBy} {...input} />
    </Frame>
  );
}

export function Select({
  name,
  id,
  label,
  hint,
  error,
  children,
  ...input
}: Described & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const d = useDescribed({ name, id, label, hint, error });
  return (
    <Frame id={d.id} label={label} hint={hint} hintId={d.hintId} error={error} errorId={d.errorId}>
      <select id={d.id} name={name} aria-invalid={error ? true : undefined} aria-describedby={d.describedBy} {...input}>
        {children}
      </select>
    </Frame>
  );
}

/**
 * An amount typed in đồng, with the saved amount shown in figures and words under it (SPEC.md:
 * "50.000.000 ₫ — năm mươi triệu đồng"); the words are made on the server, in the reader's language.
 */
export function AmountInput({
  name,
  id,
  label,
  hint,
  error,
  words,
  ...input
}: Described & InputHTMLAttributes<HTMLInputElement> & { words?: string }) {
  const t = useT();
  const d = useDescribed({ name, id, label, hint, error });
  const wordsId = words ? `${d.id}-words` : undefined;
  return (
    <Frame
      id={d.id}
      label={label}
      hint={hint}
      hintId={d.hintId}
      error={error}
      errorId={d.errorId}
      after={
        words ? (
          <p className="hint" id={wordsId} aria-live="polite">
            {t("applications.amount.saved", { amount: words })}
          </p>
        ) : null
      }
    >
      <input
        id={d.id}
        name={name}
        inputMode="numeric"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={[d.describedBy, wordsId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
    </Frame>
  );
}
