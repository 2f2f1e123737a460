/**
 * Structured logs: one JSON object per line (or a readable line for terminals), with the
 * Temporal context the SDK attaches (workflowId = run id, activityType = step, attempt …).
 * It is installed as the Temporal runtime logger, so activity and workflow `log` calls come
 * through here too. Secrets and PII never reach the output: values under sensitive keys are
 * replaced, and email-looking strings are masked wherever they appear.
 */
import { type LogLevel, type LogMetadata, type Logger } from '@temporalio/common';

export type LogFormat = 'json' | 'pretty';

const LEVELS: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

const SENSITIVE_KEY = /token|secret|password|authorization|private.?key|apikey|api_key|cookie|assertion|email|first.?name|last.?name/i;
/** Keys the SDK attaches that carry whole task payloads (record data): never logged. */
const PAYLOAD_KEY = /^(task|taskEncoded|input|payloads?|details|heartbeatDetails|result)$/;
const MAX_STRING = 500;
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[A-Za-z]{2,}/g;

/** Removes secrets and PII from a value before it is logged. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    const masked = value.replace(EMAIL, '[email]');
    return masked.length > MAX_STRING ? `${masked.slice(0, MAX_STRING)}…` : masked;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[…]';
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (PAYLOAD_KEY.test(key)) continue;
    out[key] = SENSITIVE_KEY.test(key) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

export interface LoggerOptions {
  level: 'debug' | 'info' | 'warn' | 'error' | 'trace';
  format: LogFormat;
  /** Where lines go; stderr by default (stdout stays free for CLI output). */
  write?: (line: string) => void;
  /** Fields added to every line, e.g. `{ connection: 'default' }`. */
  base?: LogMetadata;
}

export class StructuredLogger implements Logger {
  private readonly threshold: number;
  private readonly write: (line: string) => void;

  constructor(private readonly options: LoggerOptions) {
    this.threshold = LEVELS[options.level.toUpperCase() as LogLevel];
    this.write = options.write ?? ((line) => process.stderr.write(`${line}\n`));
  }

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    if (LEVELS[level] < this.threshold) return;
    const fields = redact({ ...this.options.base, ...meta }) as Record<string, unknown>;
    const msg = redact(message) as string;
    if (this.options.format === 'json') {
      this.write(JSON.stringify({ ts: new Date().toISOString(), level: level.toLowerCase(), msg, ...fields }));
      return;
    }
    const context = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    this.write(`${new Date().toISOString().slice(11, 19)} ${level.padEnd(5)} ${msg}${context ? `  ${context}` : ''}`);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
