import { FieldFrame } from "./field-frame";

/**
 * A labelled file input named `file`: the hint says what is accepted, the error (a catalogue key)
 * what was wrong with the last upload. Posts without JavaScript in a multipart form. `form` ties it
 * to a form elsewhere on the page, so that the fields typed there travel with the file.
 */
export function FileField({ label, hint, accept, error, form }: { label: string; hint: string; accept: string; error?: string; form?: string }) {
  return (
    <FieldFrame id="field-file" label={label} hint={hint} error={error}>
      {(wiring) => <input {...wiring} name="file" type="file" accept={accept} form={form} />}
    </FieldFrame>
  );
}
