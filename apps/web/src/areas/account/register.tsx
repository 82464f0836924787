import { homeOf } from '../../api/session';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Field, Notice, described } from '../../ui/bits';
import { useForm } from './forms';
import { authenticate, nextPath } from './login';

export function Register({ query }: ScreenProps) {
  const f = useForm({ phone: '', password: '', displayName: '', role: query.get('role') === 'farmer' ? 'farmer' : 'buyer' });
  const submit = (e: Event) => {
    e.preventDefault();
    void f.run(async () => {
      const body = { phone: f.values.phone.trim(), password: f.values.password, role: f.values.role, displayName: f.values.displayName.trim() || undefined };
      const user = await authenticate('/api/auth/register', body);
      navigate(user.role === 'farmer' ? '/farm/apply' : nextPath(query, homeOf(user.role)), { replace: true });
    });
  };
  const err = f.problem?.fields ?? {};
  return (
    <form onSubmit={submit} noValidate>
      <h1>{t('auth.register')}</h1>
      {f.problem ? <Notice kind="error">{f.problem.summary}</Notice> : null}
      <fieldset class="plain">
        <legend style="font-weight:600">{t('auth.role')}</legend>
        <label class="choice">
          <input type="radio" name="role" value="buyer" checked={f.values.role === 'buyer'} onChange={f.set('role')} />
          <span>{t('auth.buyer')}</span>
        </label>
        <label class="choice">
          <input type="radio" name="role" value="farmer" checked={f.values.role === 'farmer'} onChange={f.set('role')} />
          <span>{t('auth.farmer')}</span>
        </label>
        {err.role ? <p class="field-error" role="alert">{err.role}</p> : null}
      </fieldset>
      <Field id="phone" label={t('auth.phone')} error={err.phone}>
        <input {...described('phone', err.phone)} type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} value={f.values.phone} onInput={f.set('phone')} />
      </Field>
      <Field id="password" label={t('auth.password')} error={err.password} hint={t('auth.passwordHint')}>
        <input {...described('password', err.password, t('auth.passwordHint'))} type="password" autoComplete="new-password" value={f.values.password} onInput={f.set('password')} />
      </Field>
      <Field id="displayName" label={t('auth.name')} error={err.displayName} optional>
        <input {...described('displayName', err.displayName)} autoComplete="name" maxLength={40} value={f.values.displayName} onInput={f.set('displayName')} />
      </Field>
      <button class="btn block" type="submit" disabled={f.busy}>{t('auth.submitRegister')}</button>
      <p>
        <a href={`/login${window.location.search}`}>{t('auth.haveAccount')}</a>
      </p>
    </form>
  );
}
