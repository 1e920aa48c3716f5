import { checkAssessment, checkAssessmentBundle } from '../../../data/checks/referentiel.js';
import type { PtceClient } from '../../../data/client.js';
import { fail, ok, type Result } from '../../../data/failure.js';
import type { Referentiel } from '../../../data/schemas/referentiel.js';
import type { Assessment } from '../../../data/schemas/submissions.js';
import { assessmentIssues } from '../model.js';
import type { View } from './view.js';

/** Saves text as a file named after the référentiel, the pole and the day. */
export function download(host: Node, text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  host.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Answer files chosen by a person (one assessment or a bundle each), checked against the référentiel. */
export async function readAssessments(
  files: FileList | null,
  referentiel: Referentiel,
  { t }: Pick<View, 't'>,
): Promise<{ assessments: Assessment[]; error?: string }> {
  const assessments: Assessment[] = [];
  for (const file of files ?? []) {
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      return { assessments, error: t('ref.import-bad', { reason: t('ref.import-not-json') }) };
    }
    const bundle = checkAssessmentBundle(json);
    const one = checkAssessment(json);
    const found = bundle.ok ? bundle.value.assessments : one.ok ? [one.value] : undefined;
    const issues = found ? found.flatMap((a) => assessmentIssues(referentiel, a)) : one.ok ? [] : one.issues;
    if (!found || issues.length) {
      return {
        assessments,
        error: t('ref.import-bad', { reason: t('ref.import-invalid', { paths: issues.map((i) => i.path).join(', ') || '—' }) }),
      };
    }
    assessments.push(...found);
  }
  return { assessments };
}

/** The assessments of a file to compare (`assessments-src`, relative to the page). */
export async function loadAssessmentFile(client: PtceClient, src: string, signal: AbortSignal): Promise<Result<Assessment[]>> {
  const url = new URL(src, document.baseURI).href;
  const raw = await client.getJson(url, signal);
  if (!raw.ok) return raw;
  const bundle = checkAssessmentBundle(raw.value);
  return bundle.ok ? ok(bundle.value.assessments) : fail({ kind: 'invalid', url, issues: bundle.issues });
}
