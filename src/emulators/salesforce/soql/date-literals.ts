/**
 * SOQL date literals (TODAY, LAST_N_DAYS:n, …) as half-open UTC ranges [start, end). The
 * emulated org's users are in GMT, so day boundaries are UTC midnights.
 * https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-dateformats.html
 */
import { malformed } from './soql-error';

export interface DateRange {
  start: number;
  end: number;
}

const DAY = 86_400_000;

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function startOfWeek(ms: number): number {
  // Weeks start on Sunday in the default (en_US) locale.
  const day = startOfDay(ms);
  return day - new Date(day).getUTCDay() * DAY;
}

function monthStart(ms: number, offsetMonths: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offsetMonths, 1);
}

function quarterStart(ms: number, offsetQuarters: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 + offsetQuarters * 3, 1);
}

function yearStart(ms: number, offsetYears: number): number {
  return Date.UTC(new Date(ms).getUTCFullYear() + offsetYears, 0, 1);
}

export function dateLiteralRange(literal: string, now: number): DateRange {
  const [rawName, rawN] = literal.toUpperCase().split(':');
  const name = rawName.trim();
  const n = rawN === undefined ? undefined : Number(rawN);
  const today = startOfDay(now);
  const need = (): number => {
    if (n === undefined || !Number.isInteger(n) || n < 0) throw malformed(`invalid date literal ${literal}`);
    return n;
  };
  switch (name) {
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'LAST_WEEK':
      return { start: startOfWeek(now) - 7 * DAY, end: startOfWeek(now) };
    case 'THIS_WEEK':
      return { start: startOfWeek(now), end: startOfWeek(now) + 7 * DAY };
    case 'NEXT_WEEK':
      return { start: startOfWeek(now) + 7 * DAY, end: startOfWeek(now) + 14 * DAY };
    case 'LAST_MONTH':
      return { start: monthStart(now, -1), end: monthStart(now, 0) };
    case 'THIS_MONTH':
      return { start: monthStart(now, 0), end: monthStart(now, 1) };
    case 'NEXT_MONTH':
      return { start: monthStart(now, 1), end: monthStart(now, 2) };
    case 'LAST_90_DAYS':
      return { start: today - 90 * DAY, end: today + DAY };
    case 'NEXT_90_DAYS':
      return { start: today + DAY, end: today + 91 * DAY };
    case 'THIS_QUARTER':
      return { start: quarterStart(now, 0), end: quarterStart(now, 1) };
    case 'LAST_QUARTER':
      return { start: quarterStart(now, -1), end: quarterStart(now, 0) };
    case 'NEXT_QUARTER':
      return { start: quarterStart(now, 1), end: quarterStart(now, 2) };
    case 'THIS_YEAR':
      return { start: yearStart(now, 0), end: yearStart(now, 1) };
    case 'LAST_YEAR':
      return { start: yearStart(now, -1), end: yearStart(now, 0) };
    case 'NEXT_YEAR':
      return { start: yearStart(now, 1), end: yearStart(now, 2) };
    // "For the number n provided, starts with the current day and continues for the past n days."
    case 'LAST_N_DAYS':
      return { start: today - need() * DAY, end: today + DAY };
    case 'NEXT_N_DAYS':
      return { start: today + DAY, end: today + (need() + 1) * DAY };
    case 'N_DAYS_AGO':
      return { start: today - need() * DAY, end: today - need() * DAY + DAY };
    case 'LAST_N_WEEKS':
      return { start: startOfWeek(now) - need() * 7 * DAY, end: startOfWeek(now) };
    case 'NEXT_N_WEEKS':
      return { start: startOfWeek(now) + 7 * DAY, end: startOfWeek(now) + (need() + 1) * 7 * DAY };
    case 'LAST_N_MONTHS':
      return { start: monthStart(now, -need()), end: monthStart(now, 0) };
    case 'NEXT_N_MONTHS':
      return { start: monthStart(now, 1), end: monthStart(now, need() + 1) };
    case 'LAST_N_YEARS':
      return { start: yearStart(now, -need()), end: yearStart(now, 0) };
    case 'NEXT_N_YEARS':
      return { start: yearStart(now, 1), end: yearStart(now, need() + 1) };
    default:
      throw malformed(`unsupported date literal ${literal}`);
  }
}
