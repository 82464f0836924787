/**
 * The app's own OpenAPI document (`/api/docs-json`) read into operations: what the sweeps send to.
 */

export const JSON_TYPE = 'application/json';

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  minimum?: number;
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  path: string;
  params: Param[];
  body?: Schema;
  multipart: boolean;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

/** The schema a `$ref` names, or the schema itself. */
export function resolveSchema(doc: OpenApiDoc, s: Schema | undefined): Schema | undefined {
  if (!s?.$ref) return s;
  return doc.components.schemas[s.$ref.split('/').pop()!];
}

/** Every method of every path, in the document's order. */
export function readOperations(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).map((p: Param) => ({ ...p, schema: resolveSchema(doc, p.schema) ?? {} })),
        body: resolveSchema(doc, content[JSON_TYPE]?.schema),
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return ops;
}

export const pathParamNames = (op: Operation): string[] => op.params.filter((p) => p.in === 'path').map((p) => p.name);
