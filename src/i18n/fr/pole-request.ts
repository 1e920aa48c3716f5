import type { Message } from '../types.js';

/** French messages of the card's opt-in requests: report an error, claim the pole, contact it. */
export const poleRequest = {
  'request.correction': 'Signaler une erreur',
  'request.claim': 'Je gère ce pôle',
  'request.contact': 'Contacter ce pôle',
  'request.reply': 'Répondre à cette offre',
  'request.close': 'Fermer',
  'request.correction-intro': 'Une information de cette fiche est fausse ou manque ? Dites-le aux modérateurs.',
  'request.claim-intro':
    'Vous gérez ce pôle ? Après vérification par un modérateur, vous recevrez par courriel un lien pour modifier sa fiche vous-même.',
  'request.contact-intro':
    'Votre message sera transmis au pôle par courriel. Son adresse ne vous est pas montrée ; il vous répondra à la vôtre.',
  'request.field.message': 'Votre message',
  'request.field.correction': 'Ce qui est faux ou manque',
  'request.field.name': 'Votre nom',
  'request.field.email': 'Votre courriel',
  'request.submit.correction': 'Envoyer le signalement',
  'request.submit.claim': 'Envoyer la demande',
  'request.submit.contact': 'Envoyer le message',
  'request.sent.correction': 'Merci : votre signalement a été transmis aux modérateurs (référence {reference}).',
  'request.sent.claim': 'Votre demande a été reçue (référence {reference}). Un modérateur la vérifiera avant de vous envoyer le lien.',
  'request.sent.contact': 'Votre message a été transmis au pôle (référence {reference}).',
  'request.no-contact': 'Ce pôle n’a pas encore d’adresse de contact : le message n’a pas pu être transmis.',
  'request.unavailable': 'Ce site ne permet pas cette demande en ligne.',
} as const satisfies Record<string, Message>;
