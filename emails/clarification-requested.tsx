import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface ClarificationRequestedEmailProps {
  locale: Locale;
  name: string;
  groupName: string;
  applicationTitle: string;
  question: string;
  link: string;
}

export function clarificationRequestedSubject({ locale }: ClarificationRequestedEmailProps): string {
  return translator(locale)("screening.email.clarification.subject");
}

export default function ClarificationRequestedEmail(props: ClarificationRequestedEmailProps) {
  const t = translator(props.locale);
  const body = t("screening.email.clarification.body", { group: props.groupName, title: props.applicationTitle });
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      <Text style={{ borderLeft: "4px solid #2f5d34", paddingLeft: 12, whiteSpace: "pre-wrap" }}>{props.question}</Text>
      <Text>{t("screening.email.clarification.what")}</Text>
      <Button href={props.link} style={buttonStyle}>
        {t("screening.email.clarification.button")}
      </Button>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

ClarificationRequestedEmail.PreviewProps = {
  locale: "vi",
  name: "Lò Thị Hoa",
  groupName: "Nhóm phụ nữ trồng sâm Tả Van",
  applicationTitle: "Vườn ươm cây thuốc dưới tán rừng",
  question: "Nhóm cho biết thêm: ai sẽ chăm sóc vườn ươm vào mùa mưa?",
  link: "http://localhost:3000/clarifications/preview",
} satisfies ClarificationRequestedEmailProps;
