import type { DataIssue } from './failure.js';
import type { Charter } from './schemas/charter.js';
import type { Signature } from './schemas/submissions.js';

/**
 * What the schema cannot know about a signature, only the charter it signs: its id and version,
 * one of its statuses, every one of its commitments and no other, and a date not after `latestDate`
 * (YYYY-MM-DD). Shared by the form and the server, so both refuse the same signatures.
 */
export function signatureIssues(charter: Charter, signature: Signature, latestDate: string): DataIssue[] {
  const issues: DataIssue[] = [];
  if (signature.charterId !== charter.id || signature.charterVersion !== charter.version) {
    issues.push({ path: 'charterVersion', message: `expected charter ${charter.id} version ${charter.version}` });
  }
  if (!charter.statuses.some((s) => s.id === signature.status)) issues.push({ path: 'status', message: 'required' });
  for (const commitment of charter.commitments) {
    if (!signature.commitments.includes(commitment.id)) issues.push({ path: `commitments.${commitment.id}`, message: 'required' });
  }
  for (const id of signature.commitments) {
    if (!charter.commitments.some((commitment) => commitment.id === id)) issues.push({ path: 'commitments', message: `unknown commitment ${id}` });
  }
  if (signature.date > latestDate) issues.push({ path: 'date', message: 'date in the future' });
  return issues;
}
