/**
 * Contact between poles: a message relayed by e-mail to a pole's private contact (or its public
 * e-mail when it has none), whose address the sender never sees. Each message sent is logged —
 * who, when, to which pole — never what it said.
 */
import type { Kysely } from 'kysely';
import type { ContactMessage } from '../../../src/data/schemas/contribution.js';
import type { Pole } from '../../../src/data/schemas/pole.js';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../store/schema.js';
import { newReference } from '../store/types.js';

/** The pole's private contact, never published (table `pole_contacts`). */
export const privateContact = (db: Kysely<Database>, poleId: string) =>
  db.selectFrom('pole_contacts').selectAll().where('pole_id', '=', poleId).executeTakeFirst();

export async function setPrivateContact(
  db: Kysely<Database>,
  poleId: string,
  contact: { email: string; name?: string } | null,
): Promise<void> {
  if (!contact) {
    await db.deleteFrom('pole_contacts').where('pole_id', '=', poleId).execute();
    return;
  }
  const values = { pole_id: poleId, email: contact.email, name: contact.name ?? null, updated_at: new Date().toISOString() };
  await db
    .insertInto('pole_contacts')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('pole_id').doUpdateSet({ email: values.email, name: values.name, updated_at: values.updated_at }),
    )
    .execute();
}

/** Where a pole's messages go: its private contact, else the e-mail it publishes, else nowhere. */
export async function recipientOf(db: Kysely<Database>, pole: Pole): Promise<string | undefined> {
  return (await privateContact(db, pole.id))?.email ?? pole.email;
}

/** Sends the message to the pole (a reply goes to the sender), then logs it without its text. */
export async function relayMessage(db: Kysely<Database>, mailer: Mailer, pole: Pole, to: string, message: ContactMessage): Promise<string> {
  const reference = newReference('MSG');
  const about = message.offer ? `Réponse à votre offre « ${message.offer} »` : 'Un message pour votre pôle';
  await mailer.send({
    to,
    replyTo: message.email,
    kind: 'contact',
    subject: `${about} — ${pole.name}`,
    text: [
      `${message.name} (${message.email}) vous écrit depuis l'annuaire des PTCE, à propos de ${pole.name}.`,
      message.offer ? `Offre : ${message.offer}` : '',
      '',
      message.message,
      '',
      `— Répondez à ce message pour lui écrire. Votre adresse ne lui a pas été montrée. (Réf. ${reference})`,
    ]
      .filter((line, index) => line !== '' || index > 1)
      .join('\n'),
  });
  await db
    .insertInto('contact_log')
    .values({
      reference,
      at: new Date().toISOString(),
      pole_id: pole.id,
      sender_name: message.name,
      sender_email: message.email,
      offer: message.offer ?? null,
    })
    .execute();
  return reference;
}

/** The contact log's senders older than `before` (an ISO date) forgotten: the row (when, which pole) stays. */
export async function purgeContactLog(db: Kysely<Database>, before: string): Promise<number> {
  const purged = await db
    .updateTable('contact_log')
    .set({ sender_name: null, sender_email: null })
    .where('at', '<', before)
    .where('sender_email', 'is not', null)
    .executeTakeFirst();
  return Number(purged.numUpdatedRows);
}
