import { forwardRef, type ComponentProps } from "react";
import { asDayMonthYear } from "../../forms/fields-mini";
import { Field } from "./field";

/**
 * A day (or, withTime, a day and a time) typed day first, as its hint and Vietnamese forms write it:
 * "01/03/2027". A browser's date input shows the browser's own order instead (03/01/2027 in an
 * English Chrome) against the hint, so this is a plain text input; the schema reads both this and
 * yyyy-mm-dd (dateOnly, dateTimeVn).
 */
export const DateField = forwardRef<
  HTMLInputElement,
  Omit<ComponentProps<typeof Field>, "type"> & { withTime?: boolean }
>(function DateField({ withTime, defaultValue, ...props }, ref) {
  return (
    <Field
      ref={ref}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={withTime ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy"}
      maxLength={withTime ? 16 : 10}
      defaultValue={
        typeof defaultValue === "string"
          ? asDayMonthYear(defaultValue)
          : defaultValue
      }
      {...props}
    />
  );
});
