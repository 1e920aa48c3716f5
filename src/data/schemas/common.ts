import * as z from 'zod/mini';

/** Text given in one language, or per language: `"Texte"` or `{"fr": "Texte", "en": "Text"}`. */
export const LocalizedText = z.union([
  z.string().check(z.minLength(1)),
  z.record(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/)), z.string()),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;

export { localize } from '../localize.js';

export const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));
export const IsoDateTime = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'expected an ISO 8601 date-time'),
);
/** Text with at least one visible character (no trimming here: forms trim before sending). */
export const NonEmptyText = z.string().check(z.regex(/\S/, 'required'));

/** An http(s) URL: never javascript:, data: or the like (the pattern keeps it so in JSON Schema). */
export const HttpUrl = z.httpUrl().check(z.regex(/^https?:\/\//i, 'expected an http(s) URL'));
