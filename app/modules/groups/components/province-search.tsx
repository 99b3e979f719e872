import { Form } from "@remix-run/react";
import { Field } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";

/**
 * The search box for the province list. Without JavaScript it is a GET form: the server answers
 * with the list filtered. With JavaScript the list filters as she types and the form is not sent.
 * It sits above the group form so that searching, on a page reload, loses nothing typed yet.
 */
export function ProvinceSearch({ query, onQuery }: { query: string; onQuery: (value: string) => void }) {
  const t = useT();
  return (
    <Form method="get" className="stack card" role="search" onSubmit={(event) => event.preventDefault()}>
      <Field
        name="findProvince"
        type="search"
        label={t("groups.province.search")}
        hint={t("groups.province.searchHint")}
        value={query}
        maxLength={60}
        autoComplete="off"
        onChange={(event) => onQuery(event.target.value)}
      />
      <div>
        <button type="submit" className="secondary">
          {t("groups.province.searchSubmit")}
        </button>
      </div>
    </Form>
  );
}
