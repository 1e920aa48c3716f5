import * as z from 'zod/mini';
import { Discovery, CONTRACT_VERSION } from './schemas/discovery.js';
import { Pole, PolesDocument, PolesDocumentStrict, Theme } from './schemas/pole.js';
import { Referentiel } from './schemas/referentiel.js';
import { Charter } from './schemas/charter.js';
import { Campaign, CampaignAnswers, CampaignCreated, CampaignRequest } from './schemas/campaigns.js';
import { ActionProposal, ActionReceipt } from './schemas/action.js';
import { ContactMessage, ContactReceipt, ContributionReceipt, CorrectionContribution, Duplicates, NewPoleContribution } from './schemas/contribution.js';
import { Assessment, AssessmentBundle, AssessmentReceipt, Signature, SignatureReceipt } from './schemas/submissions.js';

/** The schemas published as JSON Schema in `schemas/<name>.schema.json`, with their titles. */
export const PUBLISHED_SCHEMAS = {
  discovery: [Discovery, 'PTCE endpoint discovery document'],
  poles: [PolesDocumentStrict, 'PTCE poles document'],
  pole: [Pole, 'PTCE pole'],
  referentiel: [Referentiel, 'PTCE action référentiel'],
  charter: [Charter, 'Charte de la démarche collective PTCE'],
  signature: [Signature, 'Charter signature (POST body)'],
  'signature-receipt': [SignatureReceipt, 'Charter signature receipt'],
  assessment: [Assessment, 'Référentiel assessment (POST body)'],
  'assessment-receipt': [AssessmentReceipt, 'Référentiel assessment receipt'],
  'assessment-bundle': [AssessmentBundle, 'Several assessments of one pole (export / compare)'],
  'campaign-request': [CampaignRequest, 'Opening a campaign of one pole (POST body)'],
  campaign: [Campaign, 'A campaign of one pole, as its respondents see it'],
  'campaign-created': [CampaignCreated, 'A new campaign with its two secrets, shown once'],
  'campaign-answers': [CampaignAnswers, "One campaign's answers, for its coordinator"],
  'action-proposal': [ActionProposal, 'Fiche action proposed by a pole (POST body)'],
  'action-receipt': [ActionReceipt, 'Fiche action receipt'],
  'new-pole-contribution': [NewPoleContribution, 'A new pole proposed by the public (POST body of the contributions URL)'],
  'correction-contribution': [CorrectionContribution, 'An error reported on a listed pole (POST body of the contributions URL)'],
  'contribution-receipt': [ContributionReceipt, 'Contribution receipt, with the possible duplicates'],
  duplicates: [Duplicates, 'Listed poles that may be the same as a proposed one'],
  'contact-message': [ContactMessage, 'A message relayed to a pole (POST body)'],
  'contact-receipt': [ContactReceipt, 'Contact message receipt'],
} as const;

export type PublishedSchemaName = keyof typeof PUBLISHED_SCHEMAS;

/** Also compiled for the widgets, not published: the poles envelope they check before each pole and theme. */
export const WIDGET_ONLY_SCHEMAS = { 'poles-envelope': PolesDocument, theme: Theme } as const;

/** The bare JSON Schema the widgets validate with (src/data/json-schemas/<name>.ts). */
export function widgetSchemaOf(name: PublishedSchemaName | keyof typeof WIDGET_ONLY_SCHEMAS): Record<string, unknown> {
  const schema = name in WIDGET_ONLY_SCHEMAS ? WIDGET_ONLY_SCHEMAS[name as keyof typeof WIDGET_ONLY_SCHEMAS] : PUBLISHED_SCHEMAS[name as PublishedSchemaName][0];
  const { $schema: _ignored, ...bare } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return bare;
}

/**
 * The JSON Schema of one resource, derived from its zod schema. Input shape: extra fields are
 * allowed (readers ignore them), refinements such as "ids are unique" are checked by the library
 * and the server but cannot be expressed here.
 */
export function jsonSchemaOf(name: PublishedSchemaName): Record<string, unknown> {
  const [schema, title] = PUBLISHED_SCHEMAS[name];
  return {
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    title,
    description: `ptce-widgets endpoint contract, version ${CONTRACT_VERSION}.`,
  };
}
