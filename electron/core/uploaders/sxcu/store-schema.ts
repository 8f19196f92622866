/** The custom uploaders' file (`custom-uploaders.json`) as zod checks it when it is read; loaded only when there is one. */
import { z } from 'zod';
import { CUSTOM_PREFIX } from '../registry.js';
import { BODY_TYPES, DESTINATION_TYPES, MAP_FIELDS, REQUEST_METHODS } from './spec.js';

export { ZodError } from 'zod';

const namedValues = z.array(z.object({ name: z.string(), value: z.string() }).strict());
const storedSchema = z
  .object({
    id: z.string().startsWith(CUSTOM_PREFIX),
    label: z.string(),
    importedAt: z.string(),
    source: z.object({ fileName: z.string().optional(), version: z.string(), migratedFrom: z.string().optional() }).strict(),
    spec: z
      .object({
        version: z.string(),
        name: z.string(),
        destinations: z.array(z.enum(DESTINATION_TYPES)),
        method: z.enum(REQUEST_METHODS),
        requestUrl: z.string(),
        parameters: namedValues,
        headers: namedValues,
        body: z.enum(BODY_TYPES),
        arguments: namedValues,
        fileFormName: z.string(),
        data: z.string(),
        url: z.string(),
        thumbnailUrl: z.string(),
        deletionUrl: z.string(),
        errorMessage: z.string(),
      })
      .strict(),
    secrets: z.array(z.object({ field: z.enum(MAP_FIELDS), name: z.string(), key: z.string() }).strict()),
  })
  .strict();
export const fileSchema = z.object({ version: z.literal(1), uploaders: z.array(storedSchema) }).strict();

export type StoredFile = z.infer<typeof fileSchema>;
