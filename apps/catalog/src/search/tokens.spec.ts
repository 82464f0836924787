import { documentTokens, queryTokens, toDocumentText, toTsQuery } from './tokens';

describe('Chinese search tokens', () => {
  it('indexes bigrams and single characters of Han text', () => {
    const tokens = documentTokens('小草坝天麻');
    expect(tokens).toEqual(expect.arrayContaining(['小草', '草坝', '坝天', '天麻', '天', '麻']));
  });

  it('makes a two-character query one bigram that both 小草坝天麻 and 彝良天麻 contain', () => {
    const q = queryTokens('天麻').map((t) => t.token);
    expect(q).toEqual(['天麻']);
    for (const doc of ['小草坝天麻', '彝良天麻 一级']) expect(documentTokens(doc)).toEqual(expect.arrayContaining(q));
    expect(documentTokens('天然麻辣')).not.toContain('天麻');
  });

  it('keeps Latin words and numbers whole and lower-cased, matched as prefixes', () => {
    expect(documentTokens('Zhaotong Apple 5kg')).toEqual(['zhaotong', 'apple', '5kg']);
    expect(toTsQuery('Apple 苹果')).toBe("'apple':* & '苹果'");
  });

  it('drops punctuation and quotes so user input cannot break the query', () => {
    expect(toTsQuery("天麻' | !x")).toBe("'天麻' & 'x':*");
    expect(toTsQuery('!!! ***')).toBeNull();
    expect(toTsQuery('麻')).toBe("'麻'");
  });

  it('joins parts into one document text', () => {
    expect(toDocumentText('昭通苹果', null, 'Apple')).toBe('昭通 通苹 苹果 昭 通 苹 果 apple');
  });
});
