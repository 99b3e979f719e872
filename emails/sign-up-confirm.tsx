import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface SignUpConfirmEmailProps {
  locale: Locale;
  name: string;
  link: string;
  hours: number;
}

export function signUpConfirmSubject({ locale }: SignUpConfirmEmailProps): string {
  return translator(locale)("email.signUp.subject");
}

export default function SignUpConfirmEmail(props: SignUpConfirmEmailProps) {
  const t = translator(props.locale);
  return (
    <EmailLayout locale={props.locale} preview={t("email.signUp.subject")}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{t("email.signUp.body")}</Text>
      <Button href={props.link} style={buttonStyle}>
        {t("email.signUp.button")}
      </Button>
      <Text>{t("email.signUp.expires", { hours: props.hours })}</Text>
      <Text>{t("email.signUp.ignore")}</Text>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

SignUpConfirmEmail.PreviewProps = {
  locale: "vi",
  name: "Giàng Thị Mai",
  link: "http://localhost:3000/register/confirm/preview-token",
  hours: 24,
} satisfies SignUpConfirmEmailProps;
