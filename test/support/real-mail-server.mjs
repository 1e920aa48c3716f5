// A second instance of the real server that sends its e-mail over SMTP to a real SMTP server in
// this process (the `smtp-server` package), for the tests that follow an e-mailed link. Started on
// the first `real-mail-server` command only, so the other tests (and the shared real server, which
// keeps its mail in the outbox they read) are untouched. `/real-mail/<path>` on the test server is
// its `/<path>`, and so is `/real-mail/~<n>/<path>`: a document reloaded after a change under a new
// address (the test server's answers are cached by the browser for a year).
// `real-mail-server-mails` gives the messages received so far, decoded.
import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { proxy, startRealServer } from './real-server.mjs';

/** The text of a quoted-printable or base64 body, or of an encoded-word header. */
function decode(text, encoding) {
  if (/quoted-printable/i.test(encoding)) {
    const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/base64/i.test(encoding)) return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  return text;
}
// Whitespace between two encoded words is not part of the text (RFC 2047).
const decodeHeader = (value) =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind, word) =>
      kind.toUpperCase() === 'B' ? decode(word, 'base64') : decode(word.replace(/_/g, ' '), 'quoted-printable'),
    );

/** A single-part text message (what the server's mailer sends): its recipients, subject and text. */
function parse(raw, to) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  return {
    to,
    subject: decodeHeader(header('Subject')),
    text: decode(raw.slice(split + 4), header('Content-Transfer-Encoding')),
  };
}

export function realMailServer() {
  let started;
  let webPort;
  const mails = [];
  async function start(webPort) {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => (raw += chunk));
        stream.on('end', () => {
          mails.push(
            parse(
              raw,
              session.envelope.rcptTo.map((r) => r.address),
            ),
          );
          callback();
        });
      },
    });
    await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const token = `test-${randomBytes(24).toString('hex')}`;
    const server = await startRealServer(webPort, {
      PTCE_ADMIN_TOKEN: token,
      PTCE_SMTP_URL: `smtp://127.0.0.1:${smtp.server.address().port}`,
      PTCE_MAIL_FROM: 'annuaire@ptce.example',
    });
    return { smtp, child: server.child, url: server.url, token };
  }
  return {
    name: 'ptce-real-mail-server',
    async middleware(ctx, next) {
      if (!ctx.path.startsWith('/real-mail/') || !started) return next();
      const { url } = await started;
      await proxy(ctx, `${url}${ctx.url.replace(/^\/real-mail(\/~\d+)?/, '')}`);
    },
    serverStart({ config }) {
      webPort = config.port;
    },
    async serverStop() {
      if (!started) return;
      const { child, smtp } = await started;
      child.kill('SIGTERM');
      await new Promise((resolve) => smtp.close(resolve));
    },
    async executeCommand({ command }) {
      if (command === 'real-mail-server') {
        started ??= start(webPort);
        const { url, token } = await started;
        return { url, token };
      }
      if (command === 'real-mail-server-mails') return mails;
      return undefined;
    },
  };
}
