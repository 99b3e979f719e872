import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface PasswordResetEmailProps {
  locale: Locale;
  name: string;
  link: string;
  minutes: number;
}

export function passwordResetSubject({ locale }: PasswordResetEmailProps): string {
  return translator(locale)("email.reset.subject");
}

export default function PasswordResetEmail(props: PasswordResetEmailProps) {
  const t = translator(props.locale);
  return (
    <EmailLayout locale={props.locale} preview={t("email.reset.subject")}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{t("email.reset.body")}</Text>
      <Button href={props.link} style={buttonStyle}>
        {t("email.reset.button")}
      </Button>
      <Text>{t("email.reset.expires", { minutes: props.minutes })}</Text>
      <Text>{t("email.reset.ignore")}</Text>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

PasswordResetEmail.PreviewProps = {
  locale: "vi",
  name: "Giàng Thị Mai",
  link: "http://localhost:3000/reset-password/preview-token",
  minutes: 60,
} satisfies PasswordResetEmailProps;
