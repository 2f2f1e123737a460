/**
 * One emulated org: schema, data, users, DML, events, validation rules, counters and faults.
 * HTTP handlers and the in-process admin surface both work on this object.
 */
import { EventBus } from './events';
import { Counters } from './counters';
import { Faults } from './faults';
import { createMatchSubscriber } from './match-subscriber';
import { loadSchema, type Schema } from './schema/schema';
import { LEAD_CONVERTED_STATUS } from './schema/standard-objects';
import { Dml, type Actor, type DmlContext } from './store/dml';
import { formatDate, formatDateTime } from './store/format';
import { Store, type PendingEvent } from './store/store';
import type { Row } from './store/table';
import type { QueryEnv } from './soql/query-engine';
import { ValidationRules } from './validation-rules';

export interface OrgUser {
  id: string;
  username: string;
  password: string;
  email: string;
}

export interface OrgOptions {
  sfdxPath: string;
  namespace: string;
  dailyApiLimit: number;
  eventDeliveryDelayMs: number;
  users: Array<{ username: string; password?: string; email?: string }>;
}

export const DEFAULT_PASSWORD = 'emulator-password';

export class Org {
  readonly schema: Schema;
  readonly store: Store;
  readonly dml: Dml;
  readonly counters = new Counters();
  readonly faults = new Faults();
  readonly events: EventBus;
  readonly rules: ValidationRules;
  readonly orgId: string;
  readonly dailyApiLimit: number;
  /** Users by lower-cased username. */
  readonly users = new Map<string, OrgUser>();
  integrationUser!: OrgUser;
  adminUser!: OrgUser;
  automatedUser!: OrgUser;
  private userRows: Row[] = [];

  constructor(private readonly options: OrgOptions) {
    this.schema = loadSchema(options.sfdxPath, options.namespace);
    this.store = new Store(this.schema);
    this.orgId = this.store.ids.next('00D');
    this.dailyApiLimit = options.dailyApiLimit;
    this.rules = new ValidationRules(this.schema, () => this.queryEnv('62.0'));
    this.dml = new Dml(this.schema, this.store, {
      validationRules: (obj) => this.rules.forObject(obj),
      lockedId: (ids) => this.faults.takeLocked(ids),
    });
    this.events = new EventBus(options.eventDeliveryDelayMs);
    const matchEvent = this.schema.get(this.schema.ns('SW_Match__e'));
    if (matchEvent) {
      this.events.subscribe(
        matchEvent.name,
        createMatchSubscriber({
          schema: this.schema,
          store: this.store,
          dml: this.dml,
          context: () => this.context('apex'),
          transaction: (fn) => this.transaction(fn),
        }),
      );
    }
    this.seedUsers();
  }

  private seedUsers(): void {
    const specs = [
      ...(this.options.users.length > 0 ? this.options.users : [{ username: 'integration@saleswings.example', email: 'integration@saleswings.example' }]),
      { username: 'admin@saleswings.example', email: 'admin@saleswings.example', first: 'Admin', last: 'User' },
      { username: `autoproc@${this.orgId.toLowerCase()}`, email: 'autoproc@salesforce.example', first: 'Automated', last: 'Process' },
    ];
    const now = formatDateTime(Date.now());
    const table = this.store.table('User');
    const created: OrgUser[] = [];
    this.store.transaction(() => {
      specs.forEach((spec, i) => {
        const id = this.store.ids.next('005');
        const first = 'first' in spec ? spec.first : 'Integration';
        const last = 'last' in spec ? spec.last : i === 0 ? 'User' : `User ${i}`;
        const email = spec.email ?? spec.username;
        this.store.put(table, {
          Id: id, IsDeleted: false, CreatedDate: now, CreatedById: id, LastModifiedDate: now, LastModifiedById: id, SystemModstamp: now,
          Username: spec.username, Email: email, FirstName: first, LastName: last, Name: `${first} ${last}`, IsActive: true,
        });
        created.push({ id, username: spec.username, password: ('password' in spec ? spec.password : undefined) ?? DEFAULT_PASSWORD, email });
      });
    });
    this.userRows = [...table.rows.values()];
    for (const user of created) this.users.set(user.username.toLowerCase(), user);
    this.integrationUser = created[0];
    this.adminUser = created[created.length - 2];
    this.automatedUser = created[created.length - 1];
  }

  now(): string {
    return formatDateTime(Date.now());
  }

  context(actor: Actor, userId?: string): DmlContext {
    const user = userId ?? (actor === 'admin' ? this.adminUser.id : actor === 'apex' ? this.automatedUser.id : this.integrationUser.id);
    return { userId: user, actor, now: this.now() };
  }

  queryEnv(version: string): QueryEnv {
    return { schema: this.schema, store: this.store, now: Date.now(), version };
  }

  /** Runs `fn` atomically; platform events it published are released when it commits. */
  transaction<T>(fn: () => T): T {
    const { result, events } = this.store.transaction(fn);
    this.publish(events);
    return result;
  }

  publish(events: PendingEvent[]): void {
    this.events.publish(events);
  }

  /**
   * Converts a Lead as a person would in the UI: a Contact (and an Account unless one is
   * given) is created with the Lead's name, e-mail, owner and every custom field the Contact
   * shares with the Lead (the SalesWings fields are mapped this way), and the Lead becomes
   * read-only (CANNOT_UPDATE_CONVERTED_LEAD).
   */
  convertLead(leadId: string, options: { accountId?: string } = {}): { contactId: string; accountId: string } {
    return this.transaction(() => {
      const lead = this.store.table('Lead').rows.get(leadId);
      if (!lead || lead.IsDeleted === true) throw new Error(`convertLead: no live Lead ${leadId}`);
      if (lead.IsConverted === true) throw new Error(`convertLead: Lead ${leadId} is already converted`);
      const ctx = this.context('admin');
      let accountId = options.accountId;
      if (!accountId) {
        const account = this.dml.insert(this.schema.get('Account')!, { values: { Name: lead.Company, OwnerId: lead.OwnerId } }, ctx);
        if (!account.success) throw new Error(`convertLead: ${JSON.stringify(account.errors)}`);
        accountId = account.id!;
      }
      const contactObj = this.schema.get('Contact')!;
      const values: Record<string, unknown> = { FirstName: lead.FirstName, LastName: lead.LastName, Email: lead.Email, AccountId: accountId, OwnerId: lead.OwnerId };
      for (const f of this.schema.get('Lead')!.fields.values()) {
        if (f.custom && contactObj.fields.has(f.name)) values[f.name] = lead[f.name];
      }
      const contact = this.dml.insert(contactObj, { values }, ctx);
      if (!contact.success) throw new Error(`convertLead: ${JSON.stringify(contact.errors)}`);
      const table = this.store.table('Lead');
      this.store.put(table, {
        ...lead,
        IsConverted: true,
        ConvertedContactId: contact.id,
        ConvertedAccountId: accountId,
        ConvertedDate: formatDate(Date.now()),
        Status: LEAD_CONVERTED_STATUS,
        LastModifiedDate: ctx.now,
        LastModifiedById: ctx.userId,
        SystemModstamp: ctx.now,
      });
      return { contactId: contact.id!, accountId };
    });
  }

  /** Empties every table except User, and clears events, rules, counters and faults. */
  reset(): void {
    this.store.clear();
    const users = this.store.table('User');
    for (const row of this.userRows) users.put(row);
    this.events.reset();
    this.rules.clear();
    this.counters.reset();
    this.faults.clear();
    this.store.onChange();
  }
}
