import { api } from '../../api/client';
import { homeOf, signIn, type SessionUser } from '../../api/session';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Field, Notice, described } from '../../ui/bits';
import { useForm } from './forms';

/** Logs in or registers, and keeps the session the API answers with on this phone. */
export async function authenticate(path: '/api/auth/login' | '/api/auth/register', body: object): Promise<SessionUser> {
  const res = await api.post<{ accessToken: string; user: SessionUser }>(path, body);
  signIn({ token: res.accessToken, user: res.user });
  return res.user;
}

/** After logging in, back to where the buyer was (a product, the cart); only paths inside the app. */
export function nextPath(query: URLSearchParams, fallback: string): string {
  const next = query.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
}

export function Login({ query }: ScreenProps) {
  const f = useForm({ phone: '', password: '' });
  const submit = (e: Event) => {
    e.preventDefault();
    void f.run(async () => {
      const user = await authenticate('/api/auth/login', { phone: f.values.phone.trim(), password: f.values.password });
      navigate(nextPath(query, homeOf(user.role)), { replace: true });
    });
  };
  const err = f.problem?.fields ?? {};
  return (
    <form onSubmit={submit} noValidate>
      <h1>{t('auth.login')}</h1>
      {f.problem ? <Notice kind="error">{f.problem.summary}</Notice> : null}
      <Field id="phone" label={t('auth.phone')} error={err.phone}>
        <input {...described('phone', err.phone)} type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} value={f.values.phone} onInput={f.set('phone')} />
      </Field>
      <Field id="password" label={t('auth.password')} error={err.password}>
        <input {...described('password', err.password)} type="password" autoComplete="current-password" value={f.values.password} onInput={f.set('password')} />
      </Field>
      <button class="btn block" type="submit" disabled={f.busy}>{t('auth.submitLogin')}</button>
      <p>
        <a href={`/register${window.location.search}`}>{t('auth.noAccount')}</a>
      </p>
    </form>
  );
}
