// `npm run -w server digest`: sends every daily digest waiting now (for a cron job, beside or
// instead of the server's own timer), on the server's database (PTCE_DATABASE_URL or PTCE_DB)
// and mail settings (PTCE_SMTP_URL, PTCE_MAIL_FROM).
import { resolve } from 'node:path';
import { sendDigests } from './accounts/notify.js';
import { createMailer } from './mail/mailer.js';
import { repo } from './paths.js';
import { openStore } from './store/index.js';

const env = process.env;
const store = await openStore(env.PTCE_DATABASE_URL || resolve(env.PTCE_DB ?? `${repo}/data/ptce.sqlite`));
const mailer = createMailer(store.db, { smtpUrl: env.PTCE_SMTP_URL || undefined, from: env.PTCE_MAIL_FROM || undefined });
try {
  const sent = await sendDigests(store.db, mailer, { force: true });
  console.log(`ptce: ${sent} digest${sent === 1 ? '' : 's'} sent`);
} finally {
  mailer.close();
  await store.close();
}
