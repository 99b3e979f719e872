import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { FieldFrame } from "../../../components/ui/field-frame";
import { useT } from "../../../i18n/use-t";

// Long answers and choices for the application wizard, in the same frame as
// app/components/ui/field.tsx (label, example, message). Names may be paths ("budget.0.amount"):
// their ids use dashes.

interface Described {
  name: string;
  id?: string;
  label: string;
  hint?: string;
  /** A catalogue key, as validation gives it. */
  error?: string;
}

const fieldId = (name: string, given?: string) => given ?? `field-${name.replace(/\./g, "-")}`;

export function TextArea({ name, id, label, hint, error, ...input }: Described & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame id={fieldId(name, id)} label={label} hint={hint} error={error}>
      {(wiring) => <textarea {...wiring} name={name} rows={4} {...input} />}
    </FieldFrame>
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
  return (
    <FieldFrame id={fieldId(name, id)} label={label} hint={hint} error={error}>
      {(wiring) => (
        <select {...wiring} name={name} {...input}>
          {children}
        </select>
      )}
    </FieldFrame>
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
  const fid = fieldId(name, id);
  const wordsId = words ? `${fid}-words` : undefined;
  return (
    <FieldFrame
      id={fid}
      label={label}
      hint={hint}
      error={error}
      after={
        words ? (
          <p className="hint" id={wordsId} aria-live="polite">
            {t("applications.amount.saved", { amount: words })}
          </p>
        ) : null
      }
    >
      {(wiring) => (
        <input
          {...wiring}
          aria-describedby={[wiring["aria-describedby"], wordsId].filter(Boolean).join(" ") || undefined}
          name={name}
          inputMode="numeric"
          autoComplete="off"
          {...input}
        />
      )}
    </FieldFrame>
  );
}
