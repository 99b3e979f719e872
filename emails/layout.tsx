import { Body, Container, Head, Hr, Html, Preview, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { translator } from "../app/i18n/i18n";
import type { Locale } from "../app/i18n/locales";

/** The frame every Gieo e-mail shares: plain, narrow, readable on a small phone. */
export function EmailLayout({ locale, preview, children }: { locale: Locale; preview: string; children: ReactNode }) {
  const t = translator(locale);
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f4ef", fontFamily: "Arial, Helvetica, sans-serif", color: "#1f2a1f" }}>
        <Container style={{ maxWidth: 520, padding: "24px 16px", backgroundColor: "#ffffff" }}>
          <Text style={{ fontSize: 20, fontWeight: 700, color: "#2f5d34", margin: "0 0 16px" }}>{t("app.name")}</Text>
          {children}
          <Hr />
          <Text style={{ fontSize: 12, color: "#5b6b5b" }}>{t("email.footer")}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#2f5d34",
  color: "#ffffff",
  padding: "12px 20px",
  borderRadius: 6,
  fontWeight: 700,
  textDecoration: "none",
};
