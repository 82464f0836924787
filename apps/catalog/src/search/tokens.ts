/**
 * Chinese has no spaces, and PostgreSQL's parsers keep a run of Han characters as one token. We index
 * every character and every overlapping pair (bigram) of each Han run, as Lucene's CJK analyzer does;
 * a query matches when all of its bigrams are present. So 天麻 finds 小草坝天麻 and 彝良天麻.
 * Latin words and numbers stay whole, lower-cased.
 */
const HAN = /\p{Script=Han}+/u;
const SPLIT = /(\p{Script=Han}+|[\p{L}\p{N}]+)/gu;
const MAX_DOC_TOKENS = 2000;

function hanTokens(run: string, withSingles: boolean): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  if (withSingles) out.push(...chars);
  return out;
}

/** Tokens for the indexed side: bigrams and single characters of Han runs, whole Latin words. */
export function documentTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(SPLIT)) {
    const run = m[0];
    const tokens = HAN.test(run) ? hanTokens(run, true) : [run.toLowerCase()];
    for (const t of tokens) {
      seen.add(t);
      if (seen.size >= MAX_DOC_TOKENS) return [...seen];
    }
  }
  return [...seen];
}

/** Tokens every match must contain: bigrams of Han runs (or the single character), Latin words as prefixes. */
export function queryTokens(query: string): Array<{ token: string; prefix: boolean }> {
  const out = new Map<string, boolean>();
  for (const m of query.matchAll(SPLIT)) {
    const run = m[0];
    if (HAN.test(run)) for (const t of hanTokens(run, false)) out.set(t, false);
    else out.set(run.toLowerCase(), true);
  }
  return [...out].map(([token, prefix]) => ({ token, prefix }));
}

/** A to_tsquery('simple', …) expression for the query, or null when it holds nothing searchable. */
export function toTsQuery(query: string): string | null {
  const tokens = queryTokens(query).slice(0, 16);
  if (!tokens.length) return null;
  // Tokens hold only letters and digits, so quoting them is enough to keep tsquery syntax out.
  return tokens.map(({ token, prefix }) => `'${token}'${prefix ? ':*' : ''}`).join(' & ');
}

/** The text to_tsvector('simple', …) indexes: tokens joined by spaces. */
export function toDocumentText(...parts: Array<string | null | undefined>): string {
  return documentTokens(parts.filter(Boolean).join(' ')).join(' ');
}
