/**
 * The parser returns WHERE/HAVING as a right-nested chain `{left, operator, right}` with
 * grouping encoded as `openParen`/`closeParen` counts on the leaves and `NOT` as a node
 * without a left operand. This module flattens the chain to tokens and parses them back into
 * a real tree. SOQL forbids mixing AND and OR at one level without parentheses, which is
 * rejected here as Salesforce does ("unexpected token: OR").
 */
import type { Condition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { malformed } from './soql-error';

export type Expr =
  | { kind: 'and' | 'or'; items: Expr[] }
  | { kind: 'not'; item: Expr }
  | { kind: 'cond'; cond: Condition };

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { cond: Condition };

function repeat(tokens: Token[], token: Token, n: number | undefined): void {
  for (let i = 0; i < (n ?? 0); i += 1) tokens.push(token);
}

function flatten(where: WhereClause): Token[] {
  const tokens: Token[] = [];
  type Chain = { left: unknown; operator?: string; right?: Chain };
  let node: Chain | undefined = where as unknown as Chain;
  while (node) {
    const left = node.left as (Condition & { openParen?: number; closeParen?: number }) | null;
    if (node.operator === 'NOT') {
      repeat(tokens, '(', left?.openParen);
      tokens.push('NOT');
      node = node.right;
      continue;
    }
    if (!left) throw malformed('unexpected token in WHERE clause');
    repeat(tokens, '(', left.openParen);
    tokens.push({ cond: left });
    repeat(tokens, ')', left.closeParen);
    if (!node.operator) break;
    tokens.push(node.operator as 'AND' | 'OR');
    node = node.right;
  }
  return tokens;
}

export function buildExpr(where: WhereClause): Expr {
  const tokens = flatten(where);
  let pos = 0;

  const unary = (): Expr => {
    const token = tokens[pos];
    if (token === 'NOT') {
      pos += 1;
      return { kind: 'not', item: unary() };
    }
    if (token === '(') {
      pos += 1;
      const inner = sequence();
      if (tokens[pos] !== ')') throw malformed('unbalanced parentheses in WHERE clause');
      pos += 1;
      return inner;
    }
    if (token && typeof token === 'object') {
      pos += 1;
      return { kind: 'cond', cond: token.cond };
    }
    throw malformed(`unexpected token: ${String(token ?? 'end of query')}`);
  };

  const sequence = (): Expr => {
    const items = [unary()];
    let op: 'AND' | 'OR' | undefined;
    while (tokens[pos] === 'AND' || tokens[pos] === 'OR') {
      const next = tokens[pos] as 'AND' | 'OR';
      if (op && op !== next) throw malformed(`unexpected token: ${next}`);
      op = next;
      pos += 1;
      items.push(unary());
    }
    if (!op) return items[0];
    return { kind: op === 'AND' ? 'and' : 'or', items };
  };

  const expr = sequence();
  if (pos !== tokens.length) throw malformed(`unexpected token: ${String(tokens[pos])}`);
  return expr;
}
