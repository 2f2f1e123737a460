/**
 * The keys of the payload codec: one current key that encrypts, and any number of older keys
 * that still decrypt what was written before a rotation. Payloads live in Temporal for the
 * namespace's retention period (and in every history export), so an old key must stay known
 * until the last payload it encrypted has aged out.
 */
import { ConfigError, type ConfigProblem } from '../errors';

/** AES-256: 32-byte keys. */
export const KEY_BYTES = 32;

/** A key as the configuration holds it: base64 text and the id recorded with each payload. */
export interface EncryptionKeySetting {
  keyId: string;
  key: string;
}

/**
 * What `settings.worker.encryption` carries: the current key (`PAYLOAD_ENCRYPTION_KEY`,
 * `PAYLOAD_ENCRYPTION_KEY_ID`) plus, optionally, keys that only decrypt (earlier keys kept for
 * payloads written before a rotation).
 */
export interface EncryptionSettings extends EncryptionKeySetting {
  decryptionKeys?: readonly EncryptionKeySetting[];
}

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface EncryptionKeyring {
  /** Encrypts every new payload. */
  current: EncryptionKey;
  /** Every key that may decrypt, by id (the current one included). */
  byId: ReadonlyMap<string, Buffer>;
}

/** Ids travel in payload metadata and logs: printable, short, never key material. */
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

function decodeKey(setting: EncryptionKeySetting, path: string, problems: ConfigProblem[]): EncryptionKey | undefined {
  if (!KEY_ID.test(setting.keyId)) {
    problems.push({ path: `${path}_ID`, message: 'expected 1-64 letters, digits, dots, dashes or underscores' });
    return undefined;
  }
  const key = Buffer.from(setting.key, 'base64');
  if (key.length !== KEY_BYTES) {
    problems.push({ path, message: `expected ${KEY_BYTES} bytes, base64-encoded (key id "${setting.keyId}"; value not shown: secret)` });
    return undefined;
  }
  return { id: setting.keyId, key };
}

/**
 * Validates the keys and builds the keyring.
 * @throws ConfigError naming every bad key by its id (never its value).
 */
export function createKeyring(settings: EncryptionSettings): EncryptionKeyring {
  const problems: ConfigProblem[] = [];
  const current = decodeKey(settings, 'PAYLOAD_ENCRYPTION_KEY', problems);
  const byId = new Map<string, Buffer>();
  for (const [index, setting] of (settings.decryptionKeys ?? []).entries()) {
    const decoded = decodeKey(setting, `decryptionKeys[${index}]`, problems);
    if (!decoded) continue;
    const known = byId.get(decoded.id);
    if (known && !known.equals(decoded.key)) {
      problems.push({ path: `decryptionKeys[${index}]`, message: `key id "${decoded.id}" is given twice with different keys` });
    }
    byId.set(decoded.id, decoded.key);
  }
  if (current) {
    const older = byId.get(current.id);
    if (older && !older.equals(current.key)) {
      problems.push({ path: 'PAYLOAD_ENCRYPTION_KEY_ID', message: `key id "${current.id}" names a different decryption key: give a new key a new id` });
    }
    byId.set(current.id, current.key);
  }
  if (problems.length > 0 || !current) throw new ConfigError('Invalid payload encryption keys:', problems);
  return { current, byId };
}
