/**
 * Where a moderated item belongs, as départements, for `inTerritory` (http/actor.ts): a pole's
 * own; a signature's pole's (the pole it renews, and its address's département and postcode);
 * a fiche's, a campaign's or an answer set's pole's. An item placed nowhere is for admins only.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { departmentFromPostcode } from '../../../src/data/geography.js';
import type { Pole } from '../../../src/data/schemas/pole.js';
import type { Signature } from '../../../src/data/schemas/submissions.js';
import { inTerritory } from '../http/actor.js';
import { fail } from '../http/errors.js';
import type { SignatureRow } from '../store/types.js';

const distinct = (codes: (string | undefined)[]) => [...new Set(codes.filter((code): code is string => !!code))];

export const poleDepartements = (poles: readonly Pole[], id: string | null | undefined): string[] =>
  (id ? poles.find((pole) => pole.id === id)?.departments : undefined) ?? [];

export const signatureDepartements = (row: SignatureRow, poles: readonly Pole[]): string[] =>
  departementsOfSignature(JSON.parse(row.body) as Signature, poles);

/** The same from the signature itself (a new one: its body is at hand, not to be parsed again). */
export function departementsOfSignature({ pole }: Signature, poles: readonly Pole[]): string[] {
  return distinct([...poleDepartements(poles, pole.id), pole.department, departmentFromPostcode(pole.postcode)]);
}

/** Whether the request's actor may see this item (the admin hook set the actor). */
export const mayModerate = (request: FastifyRequest, departements: readonly string[]) =>
  !!request.actor && inTerritory(request.actor, departements);

/** For a single item: false and 403 sent when it lies outside the actor's territory. */
export function withinTerritory(request: FastifyRequest, reply: FastifyReply, departements: readonly string[]): boolean {
  if (mayModerate(request, departements)) return true;
  fail(reply, 403, 'outside your territory');
  return false;
}
