import { createHmac } from 'node:crypto';
import { Hs256 } from './hs256';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const secret = 'a-secret-that-is-long-enough-0123456789';

describe('Hs256 tokens', () => {
  const jwt = new Hs256(secret);

  it('verifies what it signed and gives the claims back', () => {
    const token = jwt.sign({ sub: 'u1', role: 'buyer' }, 60, 1000);
    expect(jwt.verify(token, 1010)).toMatchObject({ sub: 'u1', role: 'buyer', iat: 1000, exp: 1060 });
  });

  it('accepts a standard HS256 token made elsewhere with the same secret', () => {
    const unsigned = `${b64({ typ: 'JWT', alg: 'HS256' })}.${b64({ sub: 'u2', role: 'admin', exp: 2000 })}`;
    const token = `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    expect(jwt.verify(token, 1500)).toMatchObject({ sub: 'u2' });
  });

  it('refuses expired, not-yet-valid, other-secret, other-algorithm, tampered and malformed tokens', () => {
    const good = jwt.sign({ sub: 'u1', role: 'buyer' }, 60, 1000);
    const [h, p] = good.split('.');
    const signWith = (header: object, payload: object, key = secret, alg = 'sha256') => {
      const unsigned = `${b64(header)}.${b64(payload)}`;
      return `${unsigned}.${createHmac(alg, key).update(unsigned).digest('base64url')}`;
    };
    expect(jwt.verify(good, 1060)).toBeNull();
    expect(jwt.verify(signWith({ alg: 'HS256' }, { sub: 'x', exp: 5000, nbf: 3000 }), 2000)).toBeNull();
    expect(jwt.verify(signWith({ alg: 'HS256' }, { sub: 'x', exp: 5000 }, 'another-secret'), 2000)).toBeNull();
    expect(jwt.verify(signWith({ alg: 'HS512' }, { sub: 'x', exp: 5000 }, secret, 'sha512'), 2000)).toBeNull();
    expect(jwt.verify(`${b64({ alg: 'none' })}.${b64({ sub: 'x', exp: 5000 })}.`, 2000)).toBeNull();
    expect(jwt.verify(`${h}.${b64({ sub: 'u1', role: 'admin', iat: 1000, exp: 1060 })}.${good.split('.')[2]}`, 1010)).toBeNull();
    expect(jwt.verify(signWith({ alg: 'HS256' }, { sub: 'x' }), 2000)).toBeNull(); // no expiry
    expect(jwt.verify(`${h}.${p}`, 1010)).toBeNull();
    expect(jwt.verify('garbage', 1010)).toBeNull();
  });
});
