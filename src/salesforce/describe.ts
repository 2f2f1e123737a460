/**
 * Object metadata from `GET /sobjects/<Type>/describe`, used at start-up to validate field
 * mappings against the org: every missing or read-only field is reported at once, so an
 * operator fixes the configuration in one round instead of one error per run.
 */
import { ContractError } from '../errors';
import { type SalesforceHttp } from './http';
import { type Namespace } from './namespace';

export interface FieldDescription {
  /** Unprefixed API name. */
  name: string;
  type: string;
  label?: string;
  length?: number;
  nillable?: boolean;
  createable: boolean;
  updateable: boolean;
  externalId?: boolean;
  unique?: boolean;
  referenceTo?: string[];
  relationshipName?: string | null;
  picklistValues?: { value: string; active: boolean }[];
}

export type FieldProblemKind = 'missing' | 'not-updateable' | 'not-createable';

export interface FieldProblem {
  object: string;
  field: string;
  problem: FieldProblemKind;
}

export interface CheckFieldsOptions {
  /** Fields must be updateable (default true). */
  updateable?: boolean;
  /** Fields must be createable (default false). */
  createable?: boolean;
}

interface DescribeResponse {
  fields?: Array<Record<string, unknown>>;
}

export class SalesforceDescriber {
  private readonly cache = new Map<string, Promise<FieldDescription[]>>();

  constructor(
    private readonly http: SalesforceHttp,
    private readonly ns: Namespace,
  ) {}

  /** Fields of an object (unprefixed names); cached per gateway, one call per object. */
  describeFields(object: string): Promise<FieldDescription[]> {
    const key = object.toLowerCase();
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.load(object);
      this.cache.set(key, pending);
      pending.catch(() => this.cache.delete(key));
    }
    return pending;
  }

  /**
   * Every problem with the given fields of one object: unknown fields, and fields the sync
   * could not write. An unknown object is reported as a `ValidationError` by describe itself.
   */
  async checkFields(object: string, fieldNames: readonly string[], options: CheckFieldsOptions = {}): Promise<FieldProblem[]> {
    const fields = await this.describeFields(object);
    const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
    const problems: FieldProblem[] = [];
    for (const field of new Set(fieldNames)) {
      const found = byName.get(field.toLowerCase());
      if (!found) problems.push({ object, field, problem: 'missing' });
      else if ((options.updateable ?? true) && !found.updateable) problems.push({ object, field, problem: 'not-updateable' });
      else if (options.createable && !found.createable) problems.push({ object, field, problem: 'not-createable' });
    }
    return problems;
  }

  private async load(object: string): Promise<FieldDescription[]> {
    const response = await this.http.send<DescribeResponse>('describe', `describe ${object}`, {
      method: 'GET',
      path: `/sobjects/${encodeURIComponent(this.ns.name(object))}/describe`,
    });
    if (!response || !Array.isArray(response.fields)) {
      throw new ContractError(`Salesforce describe of ${object} has no fields`, { code: 'BAD_DESCRIBE_RESPONSE' });
    }
    return response.fields.map((raw) => {
      const field = raw as unknown as FieldDescription;
      return {
        ...field,
        name: this.ns.strip(String(raw.name)),
        createable: raw.createable === true,
        updateable: raw.updateable === true,
        referenceTo: Array.isArray(raw.referenceTo) ? (raw.referenceTo as string[]).map(this.ns.strip) : undefined,
        relationshipName: typeof raw.relationshipName === 'string' ? this.ns.strip(raw.relationshipName) : null,
      };
    });
  }
}
