import { Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout } from "./layout";
import { quoteStyle, ReportLinkFooter, reportLabel } from "./report-parts";

export interface ReportChangesRequestedEmailProps {
  locale: Locale;
  name: string;
  groupName: string;
  reportLabelVi: string;
  reportLabelEn: string;
  /** What staff ask the group to change. */
  message: string;
  link: string;
}

export function reportChangesRequestedSubject(props: ReportChangesRequestedEmailProps): string {
  return translator(props.locale)("outcomes.email.changes.subject", { report: reportLabel(props) });
}

export default function ReportChangesRequestedEmail(props: ReportChangesRequestedEmailProps) {
  const t = translator(props.locale);
  const body = t("outcomes.email.changes.body", { group: props.groupName, report: reportLabel(props) });
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      <Text style={quoteStyle}>{props.message}</Text>
      <Text>{t("outcomes.email.changes.next")}</Text>
      <ReportLinkFooter locale={props.locale} link={props.link} />
    </EmailLayout>
  );
}

ReportChangesRequestedEmail.PreviewProps = {
  locale: "vi",
  name: "Lò Thị Hoa",
  groupName: "Nhóm phụ nữ trồng sâm Tả Van",
  reportLabelVi: "Báo cáo tháng thứ 6",
  reportLabelEn: "Month-6 report",
  message: "Nhóm ghi thêm doanh thu bán sâm trong 6 tháng, và ảnh vườn ươm.",
  link: "http://localhost:3000/reports/preview",
} satisfies ReportChangesRequestedEmailProps;
