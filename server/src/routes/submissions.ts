// What the widgets send: the charter's signatures and the référentiel's answer sets, each checked
// against its zod schema, then against the documents this server publishes, then stored once.
import { signatureIssues } from '../../../src/data/charter.js';
import type { DataIssue } from '../../../src/data/failure.js';
import { assessmentIssues } from '../../../src/data/referentiel.js';
import type { Charter } from '../../../src/data/schemas/charter.js';
import type { PolesDocument } from '../../../src/data/schemas/pole.js';
import type { Referentiel } from '../../../src/data/schemas/referentiel.js';
import { Assessment, AssessmentReceipt, Signature, SignatureReceipt } from '../../../src/data/schemas/submissions.js';
import type { Notifier } from '../accounts/notify.js';
import { departementsOfSignature } from '../accounts/territory.js';
import type { CampaignAccess } from '../campaigns.js';
import { fail } from '../http/errors.js';
import { idempotencyKey, storeOnce, submission } from '../http/idempotency.js';
import type { Area } from '../http/schemas.js';
import type { PublicCache } from '../public-documents.js';
import { assessmentReceipt, assessmentSubmission, poleIssues, receiptOf, signatureSubmission } from '../signatures.js';
import type { AssessmentRow, SignatureRow, Store } from '../store/types.js';

export const submissionRoutes: Area<{ store: Store; cache: PublicCache; campaigns: CampaignAccess; notify?: Notifier }> = async (
  app,
  { store, cache, campaigns, notify },
) => {
  app.post('/api/signatures', submission(Signature, 'signature', SignatureReceipt), async (request, reply) => {
    const issues = [
      ...charterIssues(cache.document<Charter>('charter.json'), request.body),
      ...poleIssues(cache.document<PolesDocument>('poles.json')?.poles ?? [], request.body),
    ];
    if (issues.length) return fail(reply, 400, 'invalid signature', issues);
    const stored = await storeOnce<SignatureRow>(store, reply, 'signature', signatureSubmission(request.body, idempotencyKey(request)));
    if (stored?.status === 201) {
      notify?.(request, {
        departements: departementsOfSignature(request.body, cache.document<PolesDocument>('poles.json')?.poles ?? []),
        subject: `Charte : nouvelle signature de ${stored.row.pole_name}`,
        text: `${stored.row.pole_name} (${request.body.pole.city}) a signé la charte : référence ${stored.row.reference}.`,
      });
    }
    return stored ? reply.code(stored.status).send(receiptOf(stored.row)) : reply;
  });

  app.post('/api/assessments', submission(Assessment, 'assessment', AssessmentReceipt), async (request, reply) => {
    // Answers to a campaign: its code opens it (or the answer is refused, already sent).
    const admitted = await campaigns.admitAssessment(request, reply, request.body);
    if (!admitted) return reply;
    // A campaign's answers are checked against its own version; others against the current one.
    const referentiel = admitted.campaignId ? admitted.referentiel : cache.document<Referentiel>('referentiel.json');
    const issues = referentiel
      ? assessmentIssues(referentiel, admitted.value)
      : [{ path: 'referentielId', message: 'no référentiel on this server' }];
    if (issues.length) return fail(reply, 400, 'invalid assessment', issues);
    const submission = assessmentSubmission(admitted.value, idempotencyKey(request), admitted.campaignId);
    const stored = await storeOnce<AssessmentRow>(store, reply, 'assessment', submission);
    return stored ? reply.code(stored.status).send(assessmentReceipt(stored.row)) : reply;
  });
};

/** The charter's own rules (shared with the form); a day of margin for the signer's time zone. */
function charterIssues(charter: Charter | undefined, signature: Signature): DataIssue[] {
  if (!charter) return [{ path: 'charterId', message: 'no charter on this server' }];
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return signatureIssues(charter, signature, tomorrow);
}
