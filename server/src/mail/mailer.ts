/**
 * Outgoing e-mail: over SMTP with nodemailer when PTCE_SMTP_URL is set, otherwise kept in the
 * outbox table, which the admin page shows (the demo, and a server nobody configured for mail:
 * nothing is lost, an admin can pass the message on).
 */
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../store/schema.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** What it is for, kept in the outbox: `password`, `claim`, `owner-link`, `contact`, `digest`… */
  kind: string;
  /** A reply goes here (a contact message: never the sender's address shown to the pole's, nor the reverse, unless they chose to). */
  replyTo?: string;
}

export interface Mailer {
  /** true: messages leave by SMTP; false: they wait in the outbox. */
  readonly sends: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailOptions {
  /** `smtp://user:pass@host:587`, `smtps://…`: unset keeps every message in the outbox. */
  smtpUrl?: string;
  /** The sender address (PTCE_MAIL_FROM). */
  from?: string;
}

export const DEFAULT_FROM = 'PTCE <ne-pas-repondre@ptce.invalid>';

export function createMailer(db: Kysely<Database>, options: MailOptions = {}): Mailer {
  const from = options.from || DEFAULT_FROM;
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      sends: true,
      async send({ to, subject, text, replyTo }) {
        await transport.sendMail({ from, to, subject, text, replyTo });
      },
      close: () => transport.close(),
    };
  }
  return {
    sends: false,
    async send({ to, subject, text, kind }) {
      await db.insertInto('outbox').values({ created_at: new Date().toISOString(), recipient: to, subject, body: text, kind }).execute();
    },
    close() {},
  };
}

/** The outbox, newest first. */
export const listOutbox = (db: Kysely<Database>, limit = 200) =>
  db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
