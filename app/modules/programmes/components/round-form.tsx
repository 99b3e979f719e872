import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { Form } from "../../../components/ui/form";
import { useMemo, type FormEvent, type ReactNode } from "react";
import { get, useForm, type Path } from "react-hook-form";
import { CheckboxField, ChoiceGroup } from "../../../components/ui/choice-group";
import { Field, FormError } from "../../../components/ui/field";
import { SelectField } from "../../../components/ui/select-field";
import { TextAreaField } from "../../../components/ui/text-area-field";
import type { MessageKey } from "../../../i18n/i18n";
import { formatMoneyWithWords } from "../../../i18n/format";
import { useT } from "../../../i18n/use-t";
import { activityTypes } from "../activities";
import { roundSchema } from "../programmes.schema";
import { parseRowIntent, rowIntent, SIGNING, SPENDING_PREFIX, withReportKeys, type ProvinceChoice, type RoundFormValues, type RowList } from "../round-values";
import { DateField } from "../../../components/ui/date-field";

interface RoundFormProps {
  values: RoundFormValues;
  serverErrors?: Record<string, string>;
  provinces: ProvinceChoice[];
  /** What the programme has left for this round's budget. */
  available: bigint;
  applicationCount: number;
  submitLabel: MessageKey;
}

type Name = Path<RoundFormValues>;

/** The amount a money field holds, in figures and words, once it reads as an amount. */
function amountHint(value: string): string | null {
  const digits = value.replace(/\./g, "");
  return /^\d{1,15}$/.test(digits) && /^\d{1,3}(\.\d{3})*$|^\d+$/.test(value) ? digits : null;
}

/**
 * Every field of a round in one plain form. Rows (criteria, reports, tranches) are added and
 * removed by submit buttons that post the form as it is and get it back with one row more or
 * less, so the page works without JavaScript. The parent remounts this form (by `key`) whenever
 * the server answers, so react-hook-form starts from the values the server sent back.
 */
export function RoundForm({ values, serverErrors, provinces, available, applicationCount, submitLabel }: RoundFormProps) {
  const t = useT();
  const schema = useMemo(() => roundSchema({ provinces: provinces.map((p) => p.slug), available }), [provinces, available]);
  const form = useForm<RoundFormValues>({
    // The resolver's generics do not follow the schema's transforms; the runtime contract holds.
    resolver: zodResolver(schema as never) as never,
    mode: "onTouched",
    defaultValues: { ...values, reports: withReportKeys(values.reports) },
  });
  const submit = useSubmit();
  const { errors, isSubmitted } = form.formState;

  function errorFor(name: string): string | undefined {
    const own = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
    const message = own?.message ?? own?.root?.message;
    if (message) return message;
    return isSubmitted ? undefined : serverErrors?.[name];
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    // Adding or removing a row checks nothing yet: Remix posts the form as it is.
    if (submitter && parseRowIntent(submitter.value)) return;
    void form.handleSubmit(() => submit(submitter ?? event.currentTarget))(event);
  }

  // The value is also given as the input's default: the page is rendered on the server, where
  // react-hook-form never sees the input, and must show what was typed without JavaScript.
  const field = (name: Name, label: MessageKey, hint?: string) => ({
    ...form.register(name),
    defaultValue: String(get(values, name) ?? ""),
    label: t(label),
    hint,
    error: errorFor(name),
  });

  const moneyField = (name: "minGrant" | "maxGrant" | "budget", label: MessageKey, extra?: string) => {
    const digits = amountHint(values[name]);
    const hint = [t("programmes.moneyHint"), digits ? formatMoneyWithWords(BigInt(digits), t.locale) : null, extra].filter(Boolean).join(" · ");
    return <Field inputMode="numeric" autoComplete="off" {...field(name, label, hint)} />;
  };

  const reports = withReportKeys(values.reports);
  const reportKeys = reports.map((r) => r.key);
  const reportName = (key: string) => {
    const report = reports.find((r) => r.key === key);
    return (report && (t.locale === "vi" ? report.labelVi : report.labelEn)) || key;
  };
  const confirmError = errorFor("confirmRubricChange");

  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
      {/* Pressing Enter in a field clicks the form's first submit button: make it "save", not "add a row". */}
      <button type="submit" name="intent" value="save" hidden tabIndex={-1} />
      {Object.keys(serverErrors ?? {}).length > 0 && !isSubmitted ? (
        <FormError error={serverErrors?.[""] ?? "errors.title"} />
      ) : null}

      <h2>{t("programmes.round.general")}</h2>
      <Field {...field("titleVi", "programmes.round.titleVi", t("programmes.round.titleViHint"))} />
      <Field {...field("titleEn", "programmes.round.titleEn", t("programmes.round.titleEnHint"))} />
      <TextAreaField rows={3} {...field("descriptionVi", "programmes.round.descriptionVi", t("programmes.round.descriptionHint"))} />
      <TextAreaField rows={3} {...field("descriptionEn", "programmes.round.descriptionEn")} />
      <DateField withTime {...field("opensAt", "programmes.round.opensAt", t("programmes.round.timeHint"))} />
      <DateField withTime {...field("closesAt", "programmes.round.closesAt", t("programmes.round.timeHint"))} />

      <h2>{t("programmes.round.eligibility")}</h2>
      <ChoiceGroup
        id="field-provinces"
        type="checkbox"
        legend={t("programmes.round.provinces")}
        hint={t("programmes.round.provincesHint")}
        choices={provinces.map((p) => ({ value: p.slug, label: t.locale === "vi" ? p.nameVi : p.nameEn }))}
        input={form.register("provinces")}
        checked={(slug) => values.provinces.includes(slug)}
        error={errorFor("provinces")}
      />
      <ChoiceGroup
        id="field-activities"
        type="checkbox"
        legend={t("programmes.round.activities")}
        choices={activityTypes.map((code) => ({ value: code, label: t(`activity.${code}`) }))}
        input={form.register("activities")}
        checked={(code) => values.activities.includes(code)}
        error={errorFor("activities")}
      />

      <h2>{t("programmes.round.money")}</h2>
      {moneyField("minGrant", "programmes.round.minGrant")}
      {moneyField("maxGrant", "programmes.round.maxGrant")}
      {moneyField("budget", "programmes.round.budget", t("programmes.round.available", { amount: formatMoneyWithWords(available, t.locale) }))}
      <Field inputMode="numeric" {...field("reviewersPerApplication", "programmes.round.reviewers", t("programmes.round.reviewersHint"))} />

      <h2>{t("programmes.round.rubric")}</h2>
      <p className="hint">{t("programmes.round.rubricHint")}</p>
      {applicationCount > 0 ? <p className="hint">{t("programmes.round.rubricHasApplications", { count: applicationCount })}</p> : null}
      <ListError error={errorFor("criteria")} />
      {values.criteria.map((_, i) => (
        <Row key={i} legend={t("programmes.round.criterion", { n: i + 1 })} remove={t("programmes.round.removeCriterion", { n: i + 1 })} list="criteria" index={i}>
          <Field {...field(`criteria.${i}.labelVi`, "programmes.round.labelVi", t("programmes.round.criterionExample"))} />
          <Field {...field(`criteria.${i}.labelEn`, "programmes.round.labelEn")} />
          <TextAreaField rows={3} {...field(`criteria.${i}.guidanceVi`, "programmes.round.guidanceVi", t("programmes.round.guidanceHint"))} />
          <TextAreaField rows={3} {...field(`criteria.${i}.guidanceEn`, "programmes.round.guidanceEn")} />
          <Field inputMode="numeric" {...field(`criteria.${i}.weight`, "programmes.round.weight", t("programmes.round.weightHint"))} />
          <Field inputMode="numeric" {...field(`criteria.${i}.maxScore`, "programmes.round.maxScore", t("programmes.round.maxScoreHint"))} />
        </Row>
      ))}
      <AddRow list="criteria" label="programmes.round.addCriterion" />
      {confirmError || serverErrors?.confirmRubricChange ? (
        <div className="alert alert-error" role="alert">
          <CheckboxField value="yes" label={t("programmes.round.confirmRubricChange")} error={confirmError} {...form.register("confirmRubricChange")} />
        </div>
      ) : null}

      <h2>{t("programmes.round.reports")}</h2>
      <p className="hint">{t("programmes.round.reportsHint")}</p>
      <ListError error={errorFor("reports")} />
      {values.reports.map((_, i) => (
        <Row key={i} legend={t("programmes.round.report", { n: i + 1 })} remove={t("programmes.round.removeReport", { n: i + 1 })} list="reports" index={i}>
          {/* Derived from the name, kept once saved: tranches and reports are filed under it. */}
          <input type="hidden" {...form.register(`reports.${i}.key`)} defaultValue={reports[i].key} />
          <Field inputMode="numeric" {...field(`reports.${i}.months`, "programmes.round.months", t("programmes.round.monthsHint"))} />
          <Field {...field(`reports.${i}.labelVi`, "programmes.round.labelVi", t("programmes.round.reportLabelExample"))} />
          <Field {...field(`reports.${i}.labelEn`, "programmes.round.labelEn")} />
        </Row>
      ))}
      <AddRow list="reports" label="programmes.round.addReport" />

      <h2>{t("programmes.round.tranches")}</h2>
      <p className="hint">{t("programmes.round.tranchesHint")}</p>
      <ListError error={errorFor("tranches")} />
      {values.tranches.map((tranche, i) => {
        const options = [SIGNING, ...reportKeys, ...reportKeys.map((key) => `${SPENDING_PREFIX}${key}`)];
        // A key typed in this same post is kept selectable until the page comes back.
        if (tranche.waitsFor && !options.includes(tranche.waitsFor)) options.push(tranche.waitsFor);
        const name = `tranches.${i}.waitsFor` as const;
        const error = errorFor(name);
        return (
          <Row key={i} legend={t("programmes.round.tranche", { n: i + 1 })} remove={t("programmes.round.removeTranche", { n: i + 1 })} list="tranches" index={i}>
            <Field inputMode="numeric" {...field(`tranches.${i}.percent`, "programmes.round.percent", t("programmes.round.percentHint"))} />
            <SelectField label={t("programmes.round.waitsFor")} error={error} defaultValue={tranche.waitsFor} {...form.register(name)}>
              {options.map((key) => (
                <option key={key} value={key}>
                  {key === SIGNING
                    ? t("programmes.round.waitsForSigning")
                    : key.startsWith(SPENDING_PREFIX)
                      ? t("spending.round.waitsFor", { report: reportName(key.slice(SPENDING_PREFIX.length)) })
                      : t("programmes.round.waitsForReport", { report: reportName(key) })}
                </option>
              ))}
            </SelectField>
          </Row>
        );
      })}
      <AddRow list="tranches" label="programmes.round.addTranche" />

      <div>
        <button type="submit" name="intent" value="save">
          {t(submitLabel)}
        </button>
      </div>
    </Form>
  );
}

function ListError({ error }: { error?: string }) {
  const t = useT();
  return error ? (
    <p className="field-error" role="alert">
      {t.dynamic(error)}
    </p>
  ) : null;
}

function Row({ legend, remove, list, index, children }: { legend: string; remove: string; list: RowList; index: number; children: ReactNode }) {
  return (
    <fieldset className="rows">
      <legend>{legend}</legend>
      {children}
      <div>
        <button type="submit" name="intent" value={rowIntent({ kind: "remove", list, index })} className="secondary">
          {remove}
        </button>
      </div>
    </fieldset>
  );
}

function AddRow({ list, label }: { list: RowList; label: MessageKey }) {
  const t = useT();
  return (
    <div>
      <button type="submit" name="intent" value={rowIntent({ kind: "add", list })} className="secondary">
        {t(label)}
      </button>
    </div>
  );
}
