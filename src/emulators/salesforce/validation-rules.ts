/**
 * Declarative validation rules, configured per object at run time: a SOQL WHERE expression
 * evaluated against the record as it would be saved; when it is true the save fails with
 * FIELD_CUSTOM_VALIDATION_EXCEPTION and the rule's message (on `field` when given), as an
 * org's validation rules do.
 */
import { z } from 'zod';
import type { ObjectDef } from './schema/model';
import type { Schema } from './schema/schema';
import type { CompiledRule } from './store/dml';
import type { Row } from './store/table';
import { compileCondition, type QueryEnv } from './soql/query-engine';

export const validationRuleSchema = z.object({
  object: z.string().min(1),
  name: z.string().min(1),
  /** SOQL WHERE expression; the save fails when it matches, e.g. `Email LIKE '%@blocked.example'`. */
  condition: z.string().min(1),
  message: z.string().min(1),
  field: z.string().optional(),
});

export type ValidationRule = z.infer<typeof validationRuleSchema>;

interface Entry {
  rule: ValidationRule;
  obj: ObjectDef;
  field?: string;
  compiled?: { minute: number; predicate: (row: Row) => boolean };
}

export class ValidationRules {
  private readonly rules = new Map<string, Entry[]>();

  constructor(
    private readonly schema: Schema,
    private readonly env: () => QueryEnv,
  ) {}

  add(input: ValidationRule): void {
    const rule = validationRuleSchema.parse(input);
    const obj = this.schema.get(rule.object);
    if (!obj) throw new Error(`validation rule ${rule.name}: unknown object ${rule.object}`);
    const field = rule.field ? this.schema.field(obj, rule.field)?.name : undefined;
    if (rule.field && !field) throw new Error(`validation rule ${rule.name}: unknown field ${rule.field} on ${obj.name}`);
    const entry: Entry = { rule, obj, field };
    // Compile once now so a bad condition fails when the rule is added.
    this.compile(entry);
    const list = this.rules.get(obj.name) ?? [];
    list.push(entry);
    this.rules.set(obj.name, list);
  }

  clear(): void {
    this.rules.clear();
  }

  private compile(entry: Entry): (row: Row) => boolean {
    const env = this.env();
    const minute = Math.floor(env.now / 60_000);
    // Date literals (TODAY, LAST_N_DAYS:n) depend on the clock: recompile once a minute.
    if (!entry.compiled || entry.compiled.minute !== minute) {
      entry.compiled = { minute, predicate: compileCondition(env, entry.obj, entry.rule.condition) };
    }
    return entry.compiled.predicate;
  }

  forObject(obj: ObjectDef): CompiledRule[] {
    const list = this.rules.get(obj.name);
    if (!list) return [];
    return list.map((entry) => ({
      name: entry.rule.name,
      message: entry.rule.message,
      field: entry.field,
      violated: (row: Row) => this.compile(entry)(row),
    }));
  }
}
