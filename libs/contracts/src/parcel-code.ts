import { randomInt } from 'node:crypto';

/** Crockford's base32 alphabet: no I, L, O or U, so codes read aloud or typed are not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));
const DATA_CHARS = 9;
const randomChars = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(32)]).join('');

export const PARCEL_CODE_PATTERN = /^ZT[0-9A-HJKMNP-TV-Z]{10}$/;

/**
 * The check character: a Luhn mod 32 sum over the data characters. It catches every single mistyped
 * character and most swapped neighbours, and unlike Crockford's mod-37 check symbols (* ~ $ = U) it stays
 * inside the alphabet, so the whole code is typeable on a phone keypad and QR-alphanumeric.
 */
export function parcelCheckChar(data: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = data.length - 1; i >= 0; i--) {
    const v = VALUE.get(data[i]);
    if (v === undefined) throw new RangeError(`${data[i]} is not a Crockford base32 character`);
    const addend = factor * v;
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(32 - (sum % 32)) % 32];
}

/** A new parcel code: ZT, nine random base32 characters and their check character. */
export function newParcelCode(): string {
  const data = randomChars(DATA_CHARS);
  return `ZT${data}${parcelCheckChar(data)}`;
}

/** A code as people type it: upper case, no spaces or dashes, and O/I/L read as 0/1/1, as Crockford says. */
export function normalizeParcelCode(input: string): string {
  const body = input.trim().toUpperCase().replace(/[\s-]/g, '');
  if (!body.startsWith('ZT')) return body;
  return `ZT${body.slice(2).replace(/O/g, '0').replace(/[IL]/g, '1')}`;
}

/** True for a well-formed code whose check character matches. */
export function isParcelCode(code: string): boolean {
  if (!PARCEL_CODE_PATTERN.test(code)) return false;
  return parcelCheckChar(code.slice(2, 2 + DATA_CHARS)) === code[2 + DATA_CHARS];
}

/** The secret of the public trace page's address: 16 base32 characters, 80 random bits. */
export function newTraceCode(): string {
  return randomChars(16);
}

export const TRACE_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{16}$/;
