import { Button, Link, Text } from "@react-email/components";
import { formatMoneyWithWords } from "../app/i18n/format";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface DecisionEmailProps {
  locale: Locale;
  name: string;
  groupName: string;
  applicationTitle: string;
  outcome: "approved" | "waitlisted" | "rejected";
  /** In đồng, for an approval; null otherwise. */
  awardedAmount: bigint | null;
  conditions: string;
  reasonVi: string;
  /** Empty when the admin wrote the reason in Vietnamese only. */
  reasonEn: string;
  link: string;
}

export function decisionSubject({ locale, outcome }: DecisionEmailProps): string {
  return translator(locale)(`decisions.email.${outcome}.subject`);
}

export default function DecisionEmail(props: DecisionEmailProps) {
  const t = translator(props.locale);
  const body = t(`decisions.email.${props.outcome}.body`, { group: props.groupName, title: props.applicationTitle });
  const reason = props.locale === "en" && props.reasonEn ? props.reasonEn : props.reasonVi;
  const quote = { borderLeft: "4px solid #2f5d34", paddingLeft: 12, whiteSpace: "pre-wrap" as const };
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      {props.awardedAmount !== null ? (
        <Text>
          {t("decisions.email.amount")} <strong>{formatMoneyWithWords(props.awardedAmount, props.locale)}</strong>
        </Text>
      ) : null}
      {props.conditions ? (
        <>
          <Text>{t("decisions.email.conditions")}</Text>
          <Text style={quote}>{props.conditions}</Text>
        </>
      ) : null}
      <Text>{t("decisions.email.reason")}</Text>
      <Text style={quote}>{reason}</Text>
      {props.outcome === "approved" ? <Text>{t("decisions.email.approved.next")}</Text> : null}
      <Button href={props.link} style={buttonStyle}>
        {t("decisions.email.button")}
      </Button>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

DecisionEmail.PreviewProps = {
  locale: "vi",
  name: "Lò Thị Hoa",
  groupName: "Nhóm phụ nữ trồng sâm Tả Van",
  applicationTitle: "Vườn ươm cây thuốc dưới tán rừng",
  outcome: "approved",
  awardedAmount: 45_000_000n,
  conditions: "Gửi báo giá cây giống trước khi nhận đợt tiền đầu tiên.",
  reasonVi: "Kế hoạch rõ ràng, lợi ích trực tiếp cho 18 chị em trong nhóm. Khoản mua máy sấy được giảm vì đã có máy của hợp tác xã.",
  reasonEn: "",
  link: "http://localhost:3000/decisions/preview",
} satisfies DecisionEmailProps;
