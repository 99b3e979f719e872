import { Button, Link, Text } from "@react-email/components";
import { formatDate, formatMoneyWithWords } from "../app/i18n/format";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface PaymentReceivedEmailProps {
  locale: Locale;
  /** The group leader's name. */
  name: string;
  groupName: string;
  applicationTitle: string;
  /** In đồng. */
  amount: bigint;
  method: "stripe" | "bank_transfer" | "cash";
  trancheNumber: number;
  /** yyyy-mm-dd. */
  paidOn: string;
  link: string;
}

export function paymentReceivedSubject({ locale, trancheNumber }: PaymentReceivedEmailProps): string {
  return translator(locale)("disbursements.email.subject", { position: trancheNumber });
}

export default function PaymentReceivedEmail(props: PaymentReceivedEmailProps) {
  const t = translator(props.locale);
  const body = t("disbursements.email.body", { group: props.groupName, title: props.applicationTitle, position: props.trancheNumber });
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      <Text>
        {t("disbursements.email.amount")} <strong>{formatMoneyWithWords(props.amount, props.locale)}</strong>
      </Text>
      <Text>
        {t("disbursements.email.how", { method: t(`disbursements.method.${props.method}`), date: formatDate(props.paidOn, props.locale) })}
      </Text>
      <Text>{t(`disbursements.email.next.${props.method}`)}</Text>
      <Button href={props.link} style={buttonStyle}>
        {t("disbursements.email.button")}
      </Button>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

PaymentReceivedEmail.PreviewProps = {
  locale: "vi",
  name: "Lò Thị Hoa",
  groupName: "Nhóm phụ nữ trồng sâm Tả Van",
  applicationTitle: "Vườn ươm cây thuốc dưới tán rừng",
  amount: 27_000_000n,
  method: "bank_transfer",
  trancheNumber: 1,
  paidOn: "2026-03-12",
  link: "http://localhost:3000/grants/preview",
} satisfies PaymentReceivedEmailProps;
