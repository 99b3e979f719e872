import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server on a local port: the outside edge the outbox talks to, faked at the network.

export interface ReceivedMail {
  to: string[];
  /** The raw message as it arrived. */
  raw: string;
  /** The message's text with quoted-printable soft breaks and escapes undone (ASCII is enough for links). */
  decoded: string;
}

export interface SmtpFake {
  url: string;
  received: ReceivedMail[];
  /** The next `count` messages are refused with 451 "mailbox busy", as a busy mail server does. */
  refuseNext: (count: number) => void;
  close: () => Promise<void>;
}

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startSmtpFake(options: { port?: number } = {}): Promise<SmtpFake> {
  const received: ReceivedMail[] = [];
  let refusing = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        if (refusing > 0) {
          refusing--;
          const error = new Error("mailbox busy") as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, decoded: decodeQuotedPrintable(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (count) => void (refusing = count),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
