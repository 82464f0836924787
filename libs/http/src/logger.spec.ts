import { scrubPhones } from './logger';

describe('scrubPhones', () => {
  it('masks mainland mobile numbers anywhere in a line', () => {
    expect(scrubPhones('{"msg":"login 13812345678 failed"}')).toBe('{"msg":"login 138****5678 failed"}');
    expect(scrubPhones('/api?phone=19912345678&x=1')).toBe('/api?phone=199****5678&x=1');
  });

  it('leaves other digit runs alone', () => {
    expect(scrubPhones('order 123456789012 and 1234567890 and 12812345678')).toBe('order 123456789012 and 1234567890 and 12812345678');
  });
});
