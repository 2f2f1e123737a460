/**
 * The data converter every Temporal participant of the sync shares: the worker
 * (`Worker.create`), the CLI and any other client (`new Client`). Payload encryption is optional:
 * without `PAYLOAD_ENCRYPTION_KEY` the SDK's defaults apply and payloads are plain JSON.
 *
 * Worker and clients must agree: a client without the codec sees encrypted payloads it cannot
 * read (and a worker without it fails on the first encrypted input).
 */
import { type DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './aes-gcm-codec';
import { type EncryptionSettings } from './encryption-keys';

/** Module of the failure converter that encodes messages and stack traces (see failure-converter.ts). */
export const ENCODING_FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter for the configured encryption, or undefined when encryption is off (the
 * SDK's default converter then applies).
 * @throws ConfigError when a key is malformed.
 */
export function createDataConverter(encryption: EncryptionSettings | undefined): DataConverter | undefined {
  if (!encryption) return undefined;
  return {
    payloadCodecs: [new AesGcmPayloadCodec(encryption)],
    failureConverterPath: ENCODING_FAILURE_CONVERTER_PATH,
  };
}
