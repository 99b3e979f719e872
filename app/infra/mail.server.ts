import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** The SMTP transport when SMTP_URL is set; null means messages wait in the outbox page. */
export function mailTransport(): Transporter | null {
  return singleton("mail-transport", () => {
    const url = getEnv().SMTP_URL;
    return url ? nodemailer.createTransport(url) : null;
  });
}

export async function sendMail(transport: Transporter, mail: OutgoingMail): Promise<void> {
  await transport.sendMail({
    from: getEnv().MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    // A stable Message-ID lets a receiving server recognise a message it has already seen.
    messageId: `<${mail.id}@gieo>`,
  });
}
