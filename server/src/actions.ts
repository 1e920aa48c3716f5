import type { ActionProposal, PoleAction } from '../../src/data/schemas/action.js';
import type { Pole } from '../../src/data/schemas/pole.js';
import type { ActionRow, Submission } from './store/types.js';

/** A proposed fiche to store, pending: its pole besides the whole body (contact included). */
export const actionSubmission = (proposal: ActionProposal, idempotencyKey: string): Submission => ({
  table: 'actions',
  referencePrefix: 'FICHE',
  idempotencyKey,
  body: proposal,
  columns: { pole_id: proposal.pole.id ?? null, pole_name: proposal.pole.name },
});

export function actionReceipt(row: ActionRow) {
  return { reference: row.reference, status: row.status, receivedAt: row.received_at, poleName: row.pole_name };
}

/** For the moderators: the whole proposal, its contact included (never leaves the admin routes). */
export function actionAdminView(row: ActionRow, listed: readonly Pole[]) {
  const proposal = JSON.parse(row.body) as ActionProposal;
  return {
    ...actionReceipt(row),
    decidedAt: row.decided_at,
    /** Its contact was erased (accounts/erasure.ts). */
    erased: row.erased_at !== null,
    /** False when the pole was typed, or is no longer listed: an approval then shows on no card. */
    poleListed: !!row.pole_id && listed.some((pole) => pole.id === row.pole_id),
    proposal,
  };
}

/**
 * The public form of an approved fiche: its six fields and themes, dated the day it was approved.
 * The contact is left out here, and this is the only way a stored fiche reaches a public document.
 */
export function publicAction(row: ActionRow): PoleAction {
  const { action } = JSON.parse(row.body) as ActionProposal;
  return {
    id: row.reference.toLowerCase(),
    title: action.title,
    description: action.description,
    ...(action.stage ? { stage: action.stage } : {}),
    ...(action.perspectives ? { perspectives: action.perspectives } : {}),
    offer: action.offer,
    ...(action.website ? { website: action.website } : {}),
    ...(action.themes?.length ? { themes: action.themes } : {}),
    date: (row.decided_at ?? row.received_at).slice(0, 10),
  };
}

/** Approved fiches join their pole's `actions`, after those it already has; a fiche naming no listed pole is shown nowhere. */
export function withActions(poles: Pole[], rows: ActionRow[]): Pole[] {
  const byId = new Map(poles.map((pole) => [pole.id, pole]));
  for (const row of rows) {
    const pole = row.pole_id ? byId.get(row.pole_id) : undefined;
    if (pole) pole.actions = [...(pole.actions ?? []), publicAction(row)];
  }
  return poles;
}
