import { createTransport, type Transporter } from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /**
   * A stable Message-ID (`<id@domain>`): the same mail sent twice after a crash between
   * the SMTP answer and our bookkeeping carries the same id, which mail clients collapse.
   */
  messageId?: string;
  headers?: Record<string, string>;
  /** Files, and images the HTML shows inline by `cid:` (those carry a `cid`). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  cid?: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the mail for its recipient; rejects otherwise. */
  send: (mail: OutgoingMail) => Promise<{ messageId: string }>;
  /** Connects and says hello: whether the SMTP server answers. */
  verify: () => Promise<boolean>;
  close: () => void;
}

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  /**
   * Connect, greeting and idle-socket limits. Short, so an SMTP outage fails a send in
   * seconds (it is retried later) instead of holding up the mail queue.
   */
  timeoutMs?: number;
  /** Connections kept open to the server; sends share them. */
  maxConnections?: number;
}

/** One SMTP transport (nodemailer, pooled) for the process. */
export function createMailer({
  smtpUrl,
  from,
  timeoutMs = 10_000,
  maxConnections = 2,
}: MailerOptions): Mailer {
  const transport: Transporter = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    send: async (mail) => {
      const info = (await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
      })) as { messageId: string; rejected?: unknown[] };
      if (Array.isArray(info.rejected) && info.rejected.length > 0) {
        throw new Error(`the SMTP server refused the recipient ${mail.to}`);
      }
      return { messageId: info.messageId };
    },
    verify: () => transport.verify().catch(() => false),
    close: () => {
      transport.close();
    },
  };
}
