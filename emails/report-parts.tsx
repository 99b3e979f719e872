import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { buttonStyle } from "./layout";

/** The button and the copyable link every outcome-report e-mail ends with. */
export function ReportLinkFooter({ locale, link }: { locale: Locale; link: string }) {
  const t = translator(locale);
  return (
    <>
      <Button href={link} style={buttonStyle}>
        {t("outcomes.email.button")}
      </Button>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={link}>{link}</Link>
      </Text>
    </>
  );
}

export const quoteStyle = { borderLeft: "4px solid #2f5d34", paddingLeft: 12, whiteSpace: "pre-wrap" as const };

/** The report's name in the reader's language. */
export function reportLabel(props: { locale: Locale; reportLabelVi: string; reportLabelEn: string }): string {
  return props.locale === "en" ? props.reportLabelEn : props.reportLabelVi;
}
