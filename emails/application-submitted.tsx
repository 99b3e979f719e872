import { Button, Link, Text } from "@react-email/components";
import { formatMoneyWithWords } from "../app/i18n/format";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface ApplicationSubmittedEmailProps {
  locale: Locale;
  name: string;
  /** The group reads a receipt; programme staff read that there is something to screen. */
  audience: "group" | "staff";
  groupName: string;
  title: string;
  roundTitleVi: string;
  roundTitleEn: string;
  /** The requested amount in đồng, as digits (bigint does not travel as props). */
  amount: string;
  link: string;
}

export function applicationSubmittedSubject({ locale, title }: ApplicationSubmittedEmailProps): string {
  return translator(locale)("email.applicationSubmitted.subject", { title });
}

export default function ApplicationSubmittedEmail(props: ApplicationSubmittedEmailProps) {
  const t = translator(props.locale);
  const round = props.locale === "vi" ? props.roundTitleVi : props.roundTitleEn;
  const body =
    props.audience === "group"
      ? t("email.applicationSubmitted.groupBody", { group: props.groupName, title: props.title, round })
      : t("email.applicationSubmitted.staffBody", { group: props.groupName, title: props.title, round });
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      <Text>{t("email.applicationSubmitted.amount", { amount: formatMoneyWithWords(BigInt(props.amount), props.locale) })}</Text>
      {props.audience === "group" ? <Text>{t("email.applicationSubmitted.groupNext")}</Text> : null}
      <Button href={props.link} style={buttonStyle}>
        {t("email.applicationSubmitted.button")}
      </Button>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

ApplicationSubmittedEmail.PreviewProps = {
  locale: "vi",
  name: "Lò Thị Hoa",
  audience: "group",
  groupName: "Tổ hợp tác dệt thổ cẩm Bản Lướt",
  title: "Trồng và chế biến sa nhân tím dưới tán rừng",
  roundTitleVi: "Vòng 1 năm 2027",
  roundTitleEn: "Round 1, 2027",
  amount: "50000000",
  link: "http://localhost:3000/applications/00000000-0000-0000-0000-000000000000",
} satisfies ApplicationSubmittedEmailProps;
