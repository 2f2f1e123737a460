/** A stored row as a REST record (`attributes` first, then fields in schema order). */
import type { ObjectDef } from '../schema/model';
import type { Schema } from '../schema/schema';
import { recordUrl } from '../soql/projection';
import type { Row } from '../store/table';
import { ApiError } from './api-types';

export function renderRow(schema: Schema, obj: ObjectDef, row: Row, version: string, fields?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: obj.name, url: recordUrl(version, obj.name, row.Id) } };
  if (fields && fields.length > 0) {
    for (const name of fields) {
      const f = schema.field(obj, name.trim());
      if (!f) throw new ApiError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on sobject of type ${obj.name}`);
      out[f.name] = row[f.name] ?? null;
    }
    return out;
  }
  for (const f of obj.fields.values()) out[f.name] = row[f.name] ?? null;
  return out;
}
