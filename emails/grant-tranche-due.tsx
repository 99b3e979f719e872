import { Button, Link, Text } from "@react-email/components";
import { formatMoneyWithWords } from "../app/i18n/format";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface GrantTrancheDueEmailProps {
  locale: Locale;
  /** The finance user's name. */
  name: string;
  groupName: string;
  applicationTitle: string;
  /** The tranches that just became due, in đồng. */
  tranches: { position: number; amount: bigint }[];
  link: string;
}

export function grantTrancheDueSubject({ locale, groupName }: GrantTrancheDueEmailProps): string {
  return translator(locale)("grants.email.due.subject", { group: groupName });
}

export default function GrantTrancheDueEmail(props: GrantTrancheDueEmailProps) {
  const t = translator(props.locale);
  const body = t("grants.email.due.body", { group: props.groupName, title: props.applicationTitle });
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      {props.tranches.map((tranche) => (
        <Text key={tranche.position}>
          {t("grants.email.due.tranche", { position: tranche.position })} <strong>{formatMoneyWithWords(tranche.amount, props.locale)}</strong>
        </Text>
      ))}
      <Text>{t("grants.email.due.next")}</Text>
      <Button href={props.link} style={buttonStyle}>
        {t("grants.email.due.button")}
      </Button>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

GrantTrancheDueEmail.PreviewProps = {
  locale: "vi",
  name: "Nguyễn Thu Hà",
  groupName: "Nhóm phụ nữ trồng sâm Tả Van",
  applicationTitle: "Vườn ươm cây thuốc dưới tán rừng",
  tranches: [{ position: 1, amount: 27_000_000n }],
  link: "http://localhost:3000/grants/preview",
} satisfies GrantTrancheDueEmailProps;
