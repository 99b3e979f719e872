import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

/** Sent instead of a confirmation link when the address signing up already has an account. */
export interface SignUpExistsEmailProps {
  locale: Locale;
  name: string;
  loginLink: string;
  resetLink: string;
}

export function signUpExistsSubject({ locale }: SignUpExistsEmailProps): string {
  return translator(locale)("email.signUpExists.subject");
}

export default function SignUpExistsEmail(props: SignUpExistsEmailProps) {
  const t = translator(props.locale);
  return (
    <EmailLayout locale={props.locale} preview={t("email.signUpExists.subject")}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{t("email.signUpExists.body")}</Text>
      <Button href={props.loginLink} style={buttonStyle}>
        {t("email.signUpExists.button")}
      </Button>
      <Text>
        {t("email.signUpExists.forgot")} <Link href={props.resetLink}>{props.resetLink}</Link>
      </Text>
      <Text>{t("email.signUpExists.ignore")}</Text>
    </EmailLayout>
  );
}

SignUpExistsEmail.PreviewProps = {
  locale: "vi",
  name: "Giàng Thị Mai",
  loginLink: "http://localhost:3000/login",
  resetLink: "http://localhost:3000/forgot-password",
} satisfies SignUpExistsEmailProps;
