/**
 * What a failed activity or child workflow was, seen from the workflow that awaited it. The
 * error arrives wrapped — `ChildWorkflowFailure` → `ActivityFailure` → `ApplicationFailure` for a
 * match workflow whose activity failed — and the type that decides what to do next is the
 * innermost one.
 */
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';
import { ErrorType } from '../errors';

/** Errors after which no further Salesforce work can succeed in this run: stop, don't go on. */
export const STOPPING_ERROR_TYPES: ReadonlySet<string> = new Set([ErrorType.Auth, ErrorType.ApiBudget, ErrorType.Config]);

/** The innermost failure's type (`Error` when it has none) and message. */
export function failureOf(error: unknown): { type: string; message: string } {
  let cause: unknown = error;
  while (cause instanceof ActivityFailure || cause instanceof ChildWorkflowFailure) cause = cause.cause;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? 'Error', message: cause.message };
  return { type: 'Error', message: cause instanceof Error ? cause.message : String(cause) };
}
