import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface ScreeningResultEmailProps {
  locale: Locale;
  name: string;
  groupName: string;
  applicationTitle: string;
  outcome: "eligible" | "ineligible";
  /** The reason the admin wrote when the application is not eligible; empty otherwise. */
  note: string;
  link: string;
}

export function screeningResultSubject({ locale, outcome }: ScreeningResultEmailProps): string {
  const t = translator(locale);
  return outcome === "eligible" ? t("screening.email.eligible.subject") : t("screening.email.ineligible.subject");
}

export default function ScreeningResultEmail(props: ScreeningResultEmailProps) {
  const t = translator(props.locale);
  const params = { group: props.groupName, title: props.applicationTitle };
  const body = props.outcome === "eligible" ? t("screening.email.eligible.body", params) : t("screening.email.ineligible.body", params);
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      {props.outcome === "ineligible" ? (
        <>
          <Text>{t("screening.email.ineligible.reason")}</Text>
          <Text style={{ borderLeft: "4px solid #a11d1d", paddingLeft: 12, whiteSpace: "pre-wrap" }}>{props.note}</Text>
        </>
      ) : (
        <Text>{t("screening.email.eligible.next")}</Text>
      )}
      <Button href={props.link} style={buttonStyle}>
        {t("screening.email.button")}
      </Button>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

ScreeningResultEmail.PreviewProps = {
  locale: "vi",
  name: "Lò Thị Hoa",
  groupName: "Nhóm phụ nữ trồng sâm Tả Van",
  applicationTitle: "Vườn ươm cây thuốc dưới tán rừng",
  outcome: "ineligible",
  note: "Số tiền xin vượt mức tối đa của vòng này (100.000.000 ₫).",
  link: "http://localhost:3000/applications/preview",
} satisfies ScreeningResultEmailProps;
