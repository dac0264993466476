import type { OpenAPIV3_1 } from 'openapi-types';
import { HTTP_METHODS, type HttpMethod } from '../../src/specs/compiled-operation';

/**
 * A spec's operations as a tool that knows only the document would see them: for tests that drive the
 * gateway from its specs alone (examples, links, security schemes). The document is the dereferenced
 * one the gateway loaded, so no `$ref` is left in it.
 */
export type Document = OpenAPIV3_1.Document;
export type Operation = OpenAPIV3_1.OperationObject;
export type Parameter = OpenAPIV3_1.ParameterObject;
export type MediaType = OpenAPIV3_1.MediaTypeObject;
export type Link = OpenAPIV3_1.LinkObject;

export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  /** The vendor's path template, `/v2/labels/{id}`. */
  path: string;
  operation: Operation;
  parameters: Parameter[];
}

export function operationsOf(document: Document): SpecOperation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method): SpecOperation[] => {
      const operation = item?.[method];
      if (!operation?.operationId) return [];
      const parameters = [...(item?.parameters ?? []), ...(operation.parameters ?? [])] as Parameter[];
      return [{ operationId: operation.operationId, method, path, operation, parameters }];
    }),
  );
}

export function jsonMediaType(holder: { content?: Record<string, MediaType> } | undefined): MediaType | undefined {
  return holder?.content?.['application/json'];
}

/** The media type's examples: `example`, then each of `examples`, as [label, value] pairs. */
export function examplesOf(holder: { example?: unknown; examples?: Record<string, unknown> }): Array<[string, unknown]> {
  const named = Object.entries(holder.examples ?? {}).map(([name, example]): [string, unknown] => [name, (example as { value?: unknown }).value]);
  return holder.example === undefined ? named : [['example', holder.example], ...named];
}

/** The request body a tester would send without a link: the media type's first example. */
export function requestExampleOf(operation: SpecOperation): unknown {
  const media = jsonMediaType(operation.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined);
  return media ? examplesOf(media)[0]?.[1] : undefined;
}

/** The Authorization header the operation's security scheme asks for, carrying `key`. */
export function authorizationFor(document: Document, operation: SpecOperation, key: string): Record<string, string> {
  const [requirement] = operation.operation.security ?? document.security ?? [];
  const schemeName = Object.keys(requirement ?? {})[0];
  const scheme = document.components?.securitySchemes?.[schemeName] as OpenAPIV3_1.SecuritySchemeObject | undefined;
  if (scheme?.type === 'http' && scheme.scheme === 'bearer') return { Authorization: `Bearer ${key}` };
  if (scheme?.type === 'apiKey' && scheme.in === 'header') return { [scheme.name]: key };
  throw new Error(`${operation.operationId}: no security scheme this test knows (${schemeName})`);
}
