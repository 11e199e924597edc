import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** One operation of GitHub's OpenAPI description, as far as the fake needs it. */
interface Operation {
  operationId: string;
  parameters?: Array<ParameterObject | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
}
interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, ParameterObject>; schemas: Record<string, unknown> };
}

/** A request matched to an operation of the description. */
export interface RouteMatch {
  operationId: string;
  template: string;
  params: Record<string, string>;
}

interface CompiledRoute {
  method: string;
  template: string;
  pattern: RegExp;
  paramNames: string[];
  literalSegments: number;
  operation: Operation;
}

const COMPONENTS_ID = 'https://api.github.com/openapi-components';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * GitHub's REST routes from `@octokit/openapi` (api.github.com): matches a method and path to
 * its operation and validates path parameters, query parameters and the JSON body against the
 * operation's schemas. Validators are compiled on first use and kept in this object.
 */
export class OpenApiRoutes {
  readonly #routes: CompiledRoute[] = [];
  /** Routes by method and first path segment (every GitHub route starts with a literal one). */
  readonly #byFirstSegment = new Map<string, CompiledRoute[]>();
  readonly #byTemplate = new Map<string, CompiledRoute>();
  readonly #document: OpenApiDocument;
  readonly #ajv: Ajv;
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    this.#document = document;
    this.#ajv = addFormats(
      new Ajv({ strict: false, allErrors: true, coerceTypes: false, validateFormats: true }),
    );
    this.#ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/);
    this.#ajv.addFormat('uri-template', true);
    // The shared component schemas are added once; operation schemas point into them.
    this.#ajv.addSchema({ $id: COMPONENTS_ID, components: { schemas: document.components.schemas } });
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation || typeof operation !== 'object' || !('operationId' in operation)) continue;
        this.#routes.push(compileRoute(method.toUpperCase(), template, operation, (p) => this.#parameter(p)));
      }
    }
    this.#routes.sort((a, b) => b.literalSegments - a.literalSegments);
    for (const route of this.#routes) {
      const key = `${route.method} ${firstSegment(route.template)}`;
      this.#byFirstSegment.set(key, [...(this.#byFirstSegment.get(key) ?? []), route]);
      this.#byTemplate.set(`${route.method} ${route.template}`, route);
    }
  }

  static load(): OpenApiRoutes {
    const require = createRequire(import.meta.url);
    return new OpenApiRoutes(require('@octokit/openapi/generated/api.github.com.json') as OpenApiDocument);
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    for (const route of this.#byFirstSegment.get(`${method} ${firstSegment(pathname)}`) ?? []) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { operationId: route.operation.operationId, template: route.template, params };
    }
    return undefined;
  }

  /** Returns the problems of a request (empty when it conforms to the description). */
  validate(match: RouteMatch, method: string, query: URLSearchParams, body: unknown): string[] {
    const route = this.#byTemplate.get(`${method} ${match.template}`);
    if (!route) return [`no operation for ${method} ${match.template}`];
    const problems: string[] = [];
    const parameters = (route.operation.parameters ?? []).map((p) => this.#parameter(p));
    for (const parameter of parameters.filter((p) => p.in === 'path')) {
      problems.push(
        ...this.#check(
          `${route.operation.operationId}:path:${parameter.name}`,
          parameter.schema,
          coerce(match.params[parameter.name], parameter.schema),
          `path parameter ${parameter.name}`,
        ),
      );
    }
    const queryParameters = new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
    for (const [name, value] of query) {
      const parameter = queryParameters.get(name);
      if (!parameter) {
        problems.push(`unknown query parameter ${name}`);
        continue;
      }
      problems.push(
        ...this.#check(
          `${route.operation.operationId}:query:${name}`,
          parameter.schema,
          coerce(value, parameter.schema),
          `query parameter ${name}`,
        ),
      );
    }
    for (const parameter of queryParameters.values()) {
      if (parameter.required && !query.has(parameter.name))
        problems.push(`missing query parameter ${parameter.name}`);
    }
    const content = route.operation.requestBody?.content['application/json'];
    if (body === undefined) {
      if (route.operation.requestBody?.required) problems.push('missing request body');
    } else if (!content) {
      problems.push('this operation takes no JSON body');
    } else {
      problems.push(...this.#check(`${route.operation.operationId}:body`, content.schema, body, 'body'));
    }
    return problems;
  }

  #parameter(parameter: ParameterObject | { $ref: string }): ParameterObject {
    if ('$ref' in parameter) {
      const name = parameter.$ref.replace('#/components/parameters/', '');
      const resolved = this.#document.components.parameters[name];
      if (!resolved) throw new Error(`unresolved parameter ${parameter.$ref}`);
      return resolved;
    }
    return parameter;
  }

  #check(key: string, schema: Record<string, unknown> | undefined, value: unknown, where: string): string[] {
    if (!schema) return [];
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile(rebaseRefs(schema) as Record<string, unknown>);
      this.#validators.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e) => `${where}${e.instancePath} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
    );
  }
}

function compileRoute(
  method: string,
  template: string,
  operation: Operation,
  resolve: (p: ParameterObject | { $ref: string }) => ParameterObject,
): CompiledRoute {
  const multiSegment = new Set(
    (operation.parameters ?? [])
      .map(resolve)
      .filter((p) => (p as ParameterObject & { 'x-multi-segment'?: boolean })['x-multi-segment'])
      .map((p) => p.name),
  );
  const paramNames: string[] = [];
  let literalSegments = 0;
  const source = template
    .split('/')
    .map((segment) => {
      const param = /^\{([^}]+)\}$/.exec(segment);
      if (param?.[1]) {
        paramNames.push(param[1]);
        return multiSegment.has(param[1]) ? '(.+)' : '([^/]+)';
      }
      literalSegments += 1;
      return segment
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\\\{([^}]+)\\\}/g, (_m, name: string) => {
          paramNames.push(name);
          return '([^/]+)';
        });
    })
    .join('/');
  return { method, template, pattern: new RegExp(`^${source}$`), paramNames, literalSegments, operation };
}

function firstSegment(path: string): string {
  return path.split('/')[1] ?? '';
}

function coerce(value: string | undefined, schema: Record<string, unknown> | undefined): unknown {
  if (value === undefined || !schema) return value;
  if (schema.type === 'integer' || schema.type === 'number')
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** Points the description's local `#/components/...` references at the shared components schema. */
function rebaseRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebaseRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')
        ? `${COMPONENTS_ID}${inner}`
        : rebaseRefs(inner),
    ]),
  );
}
