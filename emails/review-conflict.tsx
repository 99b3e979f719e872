import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface ReviewConflictEmailProps {
  locale: Locale;
  name: string;
  reviewerName: string;
  groupName: string;
  applicationTitle: string;
  reason: string;
  link: string;
}

export function reviewConflictSubject({ locale }: ReviewConflictEmailProps): string {
  return translator(locale)("reviews.email.conflict.subject");
}

export default function ReviewConflictEmail(props: ReviewConflictEmailProps) {
  const t = translator(props.locale);
  const body = t("reviews.email.conflict.body", { reviewer: props.reviewerName, group: props.groupName, title: props.applicationTitle });
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      <Text>{t("reviews.email.conflict.reason")}</Text>
      <Text style={{ borderLeft: "4px solid #a11d1d", paddingLeft: 12, whiteSpace: "pre-wrap" }}>{props.reason}</Text>
      <Text>{t("reviews.email.conflict.next")}</Text>
      <Button href={props.link} style={buttonStyle}>
        {t("reviews.email.conflict.button")}
      </Button>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

ReviewConflictEmail.PreviewProps = {
  locale: "vi",
  name: "Nguyễn Thu Hà",
  reviewerName: "Đinh Văn Khải",
  groupName: "Nhóm phụ nữ trồng sâm Tả Van",
  applicationTitle: "Vườn ươm cây thuốc dưới tán rừng",
  reason: "Tôi là cán bộ hỗ trợ nhóm này ở xã.",
  link: "http://localhost:3000/admin/rounds/preview/reviewers",
} satisfies ReviewConflictEmailProps;
