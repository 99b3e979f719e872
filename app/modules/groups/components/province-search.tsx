import { Field } from "../../../components/ui/field";
import { useT } from "../../../i18n/use-t";

/**
 * The search box for the province list, inside the group form. Without JavaScript its button
 * posts the whole form: the server answers with everything typed kept and the list found, and
 * saves nothing. With JavaScript the list filters as she types and nothing is sent.
 */
export function ProvinceSearch({ query, onQuery }: { query: string; onQuery: (value: string) => void }) {
  const t = useT();
  return (
    <div className="stack card" role="search">
      <Field
        name="findProvince"
        type="search"
        label={t("groups.province.search")}
        hint={t("groups.province.searchHint")}
        value={query}
        maxLength={60}
        autoComplete="off"
        onChange={(event) => onQuery(event.target.value)}
        // With JavaScript the list already follows what she types: Enter here would save the form.
        onKeyDown={(event) => {
          if (event.key === "Enter") event.preventDefault();
        }}
      />
      <div>
        <button
          type="submit"
          name="searchProvince"
          value="yes"
          className="secondary"
          formNoValidate
          onClick={(event) => event.preventDefault()}
        >
          {t("groups.province.searchSubmit")}
        </button>
      </div>
    </div>
  );
}
