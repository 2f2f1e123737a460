/**
 * The failure converter used when payloads are encrypted, loaded by module path
 * (`DataConverter.failureConverterPath`) both in the worker and inside the workflow sandbox.
 *
 * By default Temporal stores failure messages and stack traces as plain text, outside any
 * payload. With `encodeCommonAttributes` they move into an encoded payload that the codec
 * encrypts, so an error text quoting an email is not readable in the history. The failure's
 * visible message becomes "Encoded failure" until a codec (client, codec server) decodes it.
 *
 * This module runs in the workflow sandbox: `@temporalio/common` only, no Node built-ins.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
