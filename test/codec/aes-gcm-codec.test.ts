/**
 * The AES-256-GCM payload codec: round trip, fresh nonces, tamper detection, key rotation,
 * pass-through of payloads written before encryption, key validation, and failure messages
 * encrypted through the data converter.
 */
import { randomBytes } from 'node:crypto';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { decodeOptionalFailureToOptionalError, encodeErrorToFailure, encodeFailure, decodeFailure, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../src/codec/aes-gcm-codec';
import { createDataConverter } from '../../src/codec/data-converter';
import { ConfigError, ContractError } from '../../src/errors';

const newKey = () => randomBytes(32).toString('base64');
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const EMAIL = 'jane.doe@example.com';

function jsonPayload(value: unknown): Payload {
  return defaultPayloadConverter.toPayload(value);
}

test('an encoded payload carries no plain text and decodes to the exact original payload', async () => {
  const codec = new AesGcmPayloadCodec({ keyId: 'k1', key: newKey() });
  const original = jsonPayload({ email: EMAIL, firstName: 'Jane' });
  const [encrypted] = await codec.encode([original]);

  expect(text(encrypted.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(text(encrypted.metadata?.[KEY_ID_METADATA])).toBe('k1');
  // Only the two codec keys: the original's `encoding: json/plain` is inside the ciphertext.
  expect(Object.keys(encrypted.metadata ?? {}).sort()).toEqual(['encoding', KEY_ID_METADATA].sort());
  expect(Buffer.from(encrypted.data as Uint8Array).includes(Buffer.from(EMAIL))).toBe(false);
  expect(Buffer.from(encrypted.data as Uint8Array).includes(Buffer.from('json/plain'))).toBe(false);

  const [decoded] = await codec.decode([encrypted]);
  expect(text(decoded.metadata?.encoding)).toBe('json/plain');
  expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ email: EMAIL, firstName: 'Jane' });
});

test('the same payload encrypts differently each time (a random 12-byte nonce per payload)', async () => {
  const codec = new AesGcmPayloadCodec({ keyId: 'k1', key: newKey() });
  const payload = jsonPayload('same value');
  const [a, b] = await codec.encode([payload, payload]);
  expect(Buffer.from(a.data as Uint8Array).equals(Buffer.from(b.data as Uint8Array))).toBe(false);
  expect(Buffer.from(a.data as Uint8Array).subarray(0, 12).equals(Buffer.from(b.data as Uint8Array).subarray(0, 12))).toBe(false);
  const decoded = await codec.decode([a, b]);
  expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['same value', 'same value']);
});

test('a modified ciphertext, nonce or tag fails authentication instead of decoding to altered data', async () => {
  const codec = new AesGcmPayloadCodec({ keyId: 'k1', key: newKey() });
  const [encrypted] = await codec.encode([jsonPayload({ status: 'Matched', attempts: 3 })]);
  const sealed = Buffer.from(encrypted.data as Uint8Array);
  for (const position of [0, 12, Math.floor(sealed.length / 2), sealed.length - 1]) {
    const altered = Buffer.from(sealed);
    altered[position] ^= 0x01;
    const attempt = codec.decode([{ metadata: encrypted.metadata, data: new Uint8Array(altered) }]);
    await expect(attempt).rejects.toBeInstanceOf(ContractError);
    await expect(attempt).rejects.toMatchObject({ code: 'PAYLOAD_TAMPERED' });
  }
  const truncated = codec.decode([{ metadata: encrypted.metadata, data: new Uint8Array(sealed.subarray(0, 20)) }]);
  await expect(truncated).rejects.toMatchObject({ code: 'PAYLOAD_TAMPERED' });
});

test('after a rotation the new key encrypts, the old key still decrypts old payloads, and an unknown key id is named', async () => {
  const oldKey = newKey();
  const before = new AesGcmPayloadCodec({ keyId: '2025-01', key: oldKey });
  const [written] = await before.encode([jsonPayload({ email: EMAIL })]);

  const after = new AesGcmPayloadCodec({ keyId: '2026-01', key: newKey(), decryptionKeys: [{ keyId: '2025-01', key: oldKey }] });
  expect(after.currentKeyId).toBe('2026-01');
  const [readBack] = await after.decode([written]);
  expect(defaultPayloadConverter.fromPayload(readBack)).toEqual({ email: EMAIL });

  const [rewritten] = await after.encode([readBack]);
  expect(text(rewritten.metadata?.[KEY_ID_METADATA])).toBe('2026-01');

  // A process still on the old key only cannot read the new payloads, and says which key is missing.
  const attempt = before.decode([rewritten]);
  await expect(attempt).rejects.toBeInstanceOf(ConfigError);
  await expect(attempt).rejects.toThrow('no key with id "2026-01"');
});

test('a payload moved under another known key id fails authentication', async () => {
  const codec = new AesGcmPayloadCodec({ keyId: 'a', key: newKey(), decryptionKeys: [{ keyId: 'b', key: newKey() }] });
  const [encrypted] = await codec.encode([jsonPayload(1)]);
  const relabelled: Payload = { metadata: { ...encrypted.metadata, [KEY_ID_METADATA]: new Uint8Array(Buffer.from('b')) }, data: encrypted.data };
  await expect(codec.decode([relabelled])).rejects.toMatchObject({ code: 'PAYLOAD_TAMPERED' });
});

test('payloads that were never encrypted pass through decode unchanged', async () => {
  const codec = new AesGcmPayloadCodec({ keyId: 'k1', key: newKey() });
  const plain = jsonPayload({ runId: 'saleswings-sync-default-2026', created: 4 });
  const binary: Payload = { metadata: { encoding: new Uint8Array(Buffer.from('binary/plain')) }, data: new Uint8Array([1, 2, 3]) };
  const empty: Payload = { metadata: { encoding: new Uint8Array(Buffer.from('binary/null')) } };
  const decoded = await codec.decode([plain, binary, empty]);
  expect(decoded[0]).toBe(plain);
  expect(decoded[1]).toBe(binary);
  expect(decoded[2]).toBe(empty);
});

test('malformed keys are rejected at construction with every problem listed and no key value shown', () => {
  const short = Buffer.from('too short').toString('base64');
  const build = () => new AesGcmPayloadCodec({ keyId: 'bad id!', key: short, decryptionKeys: [{ keyId: 'old', key: short }] });
  expect(build).toThrow(ConfigError);
  try {
    build();
  } catch (error) {
    const problems = (error as ConfigError).problems.map((p) => p.path);
    expect(problems).toEqual(['PAYLOAD_ENCRYPTION_KEY_ID', 'decryptionKeys[0]']);
    expect((error as Error).message).not.toContain(short);
  }
  const clash = () => new AesGcmPayloadCodec({ keyId: 'same', key: newKey(), decryptionKeys: [{ keyId: 'same', key: newKey() }] });
  expect(clash).toThrow('names a different decryption key');
});

test('with encryption on, a failure message quoting an email is stored encrypted and read back by a client with the codec', async () => {
  const converter = loadDataConverter(createDataConverter({ keyId: 'k1', key: newKey() }));
  const error = ApplicationFailure.nonRetryable(`Lead ${EMAIL} failed validation`, 'ValidationError');
  const failure = await encodeFailure(converter.payloadCodecs, await encodeErrorToFailure(converter, error));

  expect(failure.message).toBe('Encoded failure');
  expect(failure.stackTrace).toBe('');
  expect(text(failure.encodedAttributes?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(JSON.stringify(failure)).not.toContain(EMAIL);

  const decoded = await decodeOptionalFailureToOptionalError(converter, await decodeFailure(converter.payloadCodecs, failure));
  expect(decoded).toBeInstanceOf(ApplicationFailure);
  expect((decoded as ApplicationFailure).message).toBe(`Lead ${EMAIL} failed validation`);
  expect((decoded as ApplicationFailure).type).toBe('ValidationError');
});

test('without a key no data converter is built: the SDK defaults apply', () => {
  expect(createDataConverter(undefined)).toBeUndefined();
});
