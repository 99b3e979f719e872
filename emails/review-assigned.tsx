import { Button, Link, Text } from "@react-email/components";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";
import { EmailLayout, buttonStyle } from "./layout";

export interface ReviewAssignedEmailProps {
  locale: Locale;
  name: string;
  /** "assigned": new applications to review; "reopened": the admin opened a submitted review again. */
  kind: "assigned" | "reopened";
  count: number;
  roundTitle: string;
  /** dd/mm/yyyy, or empty when the admin set no due date. */
  dueDate: string;
  /** The admin's reason for reopening; empty for new work. */
  note: string;
  link: string;
}

export function reviewAssignedSubject({ locale, kind }: ReviewAssignedEmailProps): string {
  const t = translator(locale);
  return kind === "reopened" ? t("reviews.email.reopened.subject") : t("reviews.email.assigned.subject");
}

export default function ReviewAssignedEmail(props: ReviewAssignedEmailProps) {
  const t = translator(props.locale);
  const body =
    props.kind === "reopened"
      ? t("reviews.email.reopened.body", { round: props.roundTitle })
      : t("reviews.email.assigned.body", { count: props.count, round: props.roundTitle });
  return (
    <EmailLayout locale={props.locale} preview={body}>
      <Text>{t("email.greeting", { name: props.name })}</Text>
      <Text>{body}</Text>
      {props.note ? <Text style={{ borderLeft: "4px solid #2f5d34", paddingLeft: 12, whiteSpace: "pre-wrap" }}>{props.note}</Text> : null}
      {props.dueDate ? <Text>{t("reviews.email.due", { date: props.dueDate })}</Text> : null}
      <Text>{t("reviews.email.assigned.first")}</Text>
      <Button href={props.link} style={buttonStyle}>
        {t("reviews.email.assigned.button")}
      </Button>
      <Text style={{ fontSize: 12 }}>
        {t("email.linkFallback")} <Link href={props.link}>{props.link}</Link>
      </Text>
    </EmailLayout>
  );
}

ReviewAssignedEmail.PreviewProps = {
  locale: "vi",
  name: "Đinh Văn Khải",
  kind: "assigned",
  count: 3,
  roundTitle: "Vòng 1 — Sinh kế từ rừng 2027",
  dueDate: "30/06/2027",
  note: "",
  link: "http://localhost:3000/reviews",
} satisfies ReviewAssignedEmailProps;
