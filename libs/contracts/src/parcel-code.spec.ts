import { isParcelCode, newParcelCode, newTraceCode, normalizeParcelCode, parcelCheckChar, TRACE_CODE_PATTERN } from './parcel-code';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('parcel codes', () => {
  it('are ZT, nine base32 characters and a check character that matches', () => {
    for (let i = 0; i < 200; i++) {
      const code = newParcelCode();
      expect(code).toMatch(/^ZT[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(isParcelCode(code)).toBe(true);
    }
  });

  it('refuse every single mistyped character', () => {
    const code = newParcelCode();
    for (let pos = 2; pos < code.length; pos++) {
      for (const c of ALPHABET) {
        if (c === code[pos]) continue;
        expect(isParcelCode(code.slice(0, pos) + c + code.slice(pos + 1))).toBe(false);
      }
    }
  });

  it('refuse swapped neighbours in the data', () => {
    const data = '7K3M9QX2A';
    const good = `ZT${data}${parcelCheckChar(data)}`;
    expect(isParcelCode(good)).toBe(true);
    const swapped = `ZT7K3M9XQ2A${parcelCheckChar(data)}`;
    expect(isParcelCode(swapped)).toBe(false);
  });

  it('read typed codes the Crockford way', () => {
    const code = newParcelCode();
    const typed = ` ${code.toLowerCase().slice(0, 6)}-${code.toLowerCase().slice(6)} `;
    expect(normalizeParcelCode(typed)).toBe(code);
    expect(normalizeParcelCode('zto1l')).toBe('ZT011');
    expect(isParcelCode('ZT0000000001')).toBe(false);
  });

  it('make trace codes of 16 characters, different each time', () => {
    const codes = new Set(Array.from({ length: 100 }, () => newTraceCode()));
    expect(codes.size).toBe(100);
    for (const c of codes) expect(c).toMatch(TRACE_CODE_PATTERN);
  });
});
