import type { DataIssue } from './failure.js';
import type { ActionProposal, PoleAction } from './schemas/action.js';

/**
 * What the schema cannot know about a proposed fiche, only the poles document: a pole named by id
 * must be listed, and themes must be the document's. Shared by the form and the server, so both
 * refuse the same fiches.
 */
export function actionProposalIssues(
  proposal: ActionProposal,
  poles: readonly { id: string }[],
  themes: readonly { id: string }[],
): DataIssue[] {
  const issues: DataIssue[] = [];
  const id = proposal.pole.id;
  if (id !== undefined && !poles.some((pole) => pole.id === id)) issues.push({ path: 'pole.id', message: `no pole with id ${id}` });
  for (const theme of proposal.action.themes ?? []) {
    if (!themes.some((t) => t.id === theme)) issues.push({ path: 'action.themes', message: `unknown theme ${theme}` });
  }
  return issues;
}

/** An action a pole offers the others (a visit, a day to come and see): a fiche with an offer. */
export const offersAction = (actions: readonly PoleAction[] | undefined): boolean => !!actions?.some((action) => action.offer?.trim());
