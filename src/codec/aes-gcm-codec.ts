/**
 * `AesGcmPayloadCodec`: encrypts every Temporal payload (workflow inputs and results, activity
 * inputs and results, signals, queries, memo, failure details) with AES-256-GCM, so the PII the
 * sync handles — emails, names — is not plain text in Temporal's database, its exports or the
 * Web UI (which shows it only through the codec server).
 *
 * Wire layout, the one Temporal's encryption samples use in every SDK (so their codec servers
 * and ours read each other's payloads): the whole serialized Payload (metadata and data) is
 * encrypted; the result's data is `nonce (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes)`, its
 * metadata `encoding: binary/encrypted` and `encryption-key-id: <id>`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ConfigError, ContractError } from '../errors';
import { createKeyring, type EncryptionKeyring, type EncryptionSettings } from './encryption-keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

/** 96-bit nonces: GCM's native size; random per payload (2^-32 collision bound stays far off at our volumes). */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CIPHER = 'aes-256-gcm';

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const text = (bytes: Uint8Array | null | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keyring: EncryptionKeyring;

  /** @throws ConfigError when a key is not 32 bytes of base64 or ids clash. */
  constructor(settings: EncryptionSettings) {
    this.keyring = createKeyring(settings);
  }

  /** Id of the key new payloads are encrypted with. */
  get currentKeyId(): string {
    return this.keyring.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  /** Payloads without `binary/encrypted` pass through: history written before encryption was on stays readable. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING ? this.decrypt(payload) : payload));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.keyring.current;
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(CIPHER, key, nonce);
    const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(id) },
      data: new Uint8Array(sealed),
    };
  }

  private decrypt(payload: Payload): Payload {
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
    if (!keyId) throw new ContractError(`An encrypted payload has no ${KEY_ID_METADATA}`, { code: 'PAYLOAD_KEY_ID_MISSING' });
    const key = this.keyring.byId.get(keyId);
    if (!key) {
      throw new ConfigError('Cannot decrypt a payload:', [
        { path: 'PAYLOAD_ENCRYPTION_KEY', message: `no key with id "${keyId}" is configured (keep earlier keys as decryption keys after a rotation)` },
      ]);
    }
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < NONCE_BYTES + TAG_BYTES) {
      throw new ContractError(`An encrypted payload (key "${keyId}") is too short to hold a nonce and a tag`, { code: 'PAYLOAD_TAMPERED' });
    }
    const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch (error) {
      // GCM authenticates: a flipped bit, a truncated payload or the wrong key all end here.
      throw new ContractError(`An encrypted payload (key "${keyId}") failed authentication: it was altered or encrypted with another key`, {
        code: 'PAYLOAD_TAMPERED',
        cause: error,
      });
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
