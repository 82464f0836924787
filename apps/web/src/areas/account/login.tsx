import { api } from '../../api/client';
import { homeOf, Session, signIn } from '../../api/session';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Field, Notice, described } from '../../ui/bits';
import { useForm } from './forms';

interface AuthAnswer {
  accessToken: string;
  user: Session['user'];
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
      const res = await api.post<AuthAnswer>('/api/auth/login', { phone: f.values.phone.trim(), password: f.values.password });
      signIn({ token: res.accessToken, user: res.user });
      navigate(nextPath(query, homeOf(res.user.role)), { replace: true });
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
