import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface InvitationEmailProps {
  locale: Locale;
  name: string;
  inviterName: string;
  link: string;
}

export function invitationSubject({ locale }: InvitationEmailProps): string {
  return translator(locale)("email.invitation.subject");
}

export default function InvitationEmail(props: InvitationEmailProps) {
  const t = translator(props.locale);
  return (
    <EmailLayout locale={props.locale} preview={t("email.invitation.body", { inviter: props.inviterName })}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{t("email.invitation.body", { inviter: props.inviterName })}</Text>
      <Button href={props.link} style={buttonStyle}>
        {t("email.invitation.button")}
      </Button>
      <Text>{t("email.invitation.expires")}</Text>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  locale: "vi",
  name: "Lò Thị Hoa",
  inviterName: "Nguyễn Thu Hà",
  link: "http://localhost:3000/invitations/preview-token",
} satisfies InvitationEmailProps;
