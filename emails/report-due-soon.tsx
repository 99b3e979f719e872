import { Text } from "@react-email/components";
import { formatDate } from "../app/i18n/format";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout } from "./layout";
import { ReportLinkFooter, reportLabel } from "./report-parts";

export interface ReportDueSoonEmailProps {
  locale: Locale;
  name: string;
  groupName: string;
  reportLabelVi: string;
  reportLabelEn: string;
  dueAt: Date;
  link: string;
}

export function reportDueSoonSubject(props: ReportDueSoonEmailProps): string {
  return translator(props.locale)("outcomes.email.dueSoon.subject", { report: reportLabel(props), date: formatDate(props.dueAt) });
}

export default function ReportDueSoonEmail(props: ReportDueSoonEmailProps) {
  const t = translator(props.locale);
  const body = t("outcomes.email.dueSoon.body", { group: props.groupName, report: reportLabel(props), date: formatDate(props.dueAt) });
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      <Text>{t("outcomes.email.reminder.help")}</Text>
      <ReportLinkFooter locale={props.locale} link={props.link} />
    </EmailLayout>
  );
}

ReportDueSoonEmail.PreviewProps = {
  locale: "vi",
  name: "Lò Thị Hoa",
  groupName: "Nhóm phụ nữ trồng sâm Tả Van",
  reportLabelVi: "Báo cáo tháng thứ 6",
  reportLabelEn: "Month-6 report",
  dueAt: new Date("2026-09-15T03:00:00Z"),
  link: "http://localhost:3000/reports/preview",
} satisfies ReportDueSoonEmailProps;
