import { Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout } from "./layout";
import { quoteStyle, ReportLinkFooter, reportLabel } from "./report-parts";

export interface ReportApprovedEmailProps {
  locale: Locale;
  name: string;
  groupName: string;
  reportLabelVi: string;
  reportLabelEn: string;
  /** Staff's note on approval; empty when they wrote none. */
  message: string;
  link: string;
}

export function reportApprovedSubject(props: ReportApprovedEmailProps): string {
  return translator(props.locale)("outcomes.email.approved.subject", { report: reportLabel(props) });
}

export default function ReportApprovedEmail(props: ReportApprovedEmailProps) {
  const t = translator(props.locale);
  const body = t("outcomes.email.approved.body", { group: props.groupName, report: reportLabel(props) });
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      {props.message ? <Text style={quoteStyle}>{props.message}</Text> : null}
      <ReportLinkFooter locale={props.locale} link={props.link} />
    </EmailLayout>
  );
}

ReportApprovedEmail.PreviewProps = {
  locale: "vi",
  name: "Lò Thị Hoa",
  groupName: "Nhóm phụ nữ trồng sâm Tả Van",
  reportLabelVi: "Báo cáo tháng thứ 6",
  reportLabelEn: "Month-6 report",
  message: "Cảm ơn nhóm, số liệu rõ ràng.",
  link: "http://localhost:3000/reports/preview",
} satisfies ReportApprovedEmailProps;
