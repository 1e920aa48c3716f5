// Route schemas are the contract's zod schemas (src/data/schemas/), typed by
// fastify-type-provider-zod. Its own compilers are not used: a refused body must be answered with
// the issues src/data/validate.ts words (the widgets and tests read their paths and messages), and
// an answer is sent as the route built it (its schema types the route; it never turns into a 500).
import type { FastifyInstance, FastifyPluginAsync, FastifySchemaCompiler, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { validate, type Schema } from '../../../src/data/validate.js';
import { InvalidInput } from './errors.js';

export type { ZodTypeProvider };

/** An area of the server: a Fastify plugin whose routes are typed from their zod schemas. */
export type Area<Options extends object> = FastifyPluginAsync<Options, RawServerDefault, ZodTypeProvider>;

const validatorCompiler: FastifySchemaCompiler<Schema<unknown>> =
  ({ schema }) =>
  (data) => {
    const checked = validate(schema, data);
    return checked.ok ? { value: checked.value } : { error: new InvalidInput(checked.issues) };
  };

export function zodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
