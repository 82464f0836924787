import { api } from '../../api/client';
import { session } from '../../api/session';
import { t } from '../../i18n';
import { COUNTY_CODES, countyName } from '../../lib/vocab';
import { navigate } from '../../router';
import type { ScreenProps } from '../../routes';
import { Field, Notice, described } from '../../ui/bits';
import { useForm } from '../account/forms';

export function Apply(_: ScreenProps) {
  const f = useForm({ kind: 'farmer', name: '', contactName: session.get()?.user.displayName ?? '', contactPhone: session.get()?.user.phone ?? '', county: 'zhaoyang', township: '', village: '', description: '' });
  const v = f.values;
  const submit = (e: Event) => {
    e.preventDefault();
    void f.run(async () => {
      await api.post('/api/catalog/producers', {
        kind: v.kind,
        name: v.name.trim(),
        contactName: v.contactName.trim(),
        contactPhone: v.contactPhone.trim(),
        county: v.county,
        township: v.township.trim(),
        village: v.village.trim() || undefined,
        description: v.description.trim() || undefined,
      });
      navigate('/farm', { replace: true });
    });
  };
  const err = f.problem?.fields ?? {};
  const text = (name: 'name' | 'contactName' | 'contactPhone' | 'township' | 'village', label: string, extra: Record<string, unknown> = {}, optional = false) => (
    <Field id={name} label={label} error={err[name]} optional={optional}>
      <input {...described(name, err[name])} value={v[name]} onInput={f.set(name)} {...extra} />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate>
      <h1>{t('farm.apply')}</h1>
      <p>{t('farm.applyIntro')}</p>
      {f.problem ? <Notice kind="error">{f.problem.summary}</Notice> : null}
      <Field id="kind" label={t('farm.kind')} error={err.kind}>
        <select {...described('kind', err.kind)} value={v.kind} onChange={f.set('kind')}>
          <option value="farmer">{t('farm.kind.farmer')}</option>
          <option value="cooperative">{t('farm.kind.cooperative')}</option>
        </select>
      </Field>
      {text('name', t('farm.name'), { maxLength: 60, placeholder: '鲁甸县龙头山镇苹果专业合作社' })}
      {text('contactName', t('farm.contactName'), { maxLength: 20, autoComplete: 'name' })}
      {text('contactPhone', t('farm.contactPhone'), { type: 'tel', inputMode: 'numeric', maxLength: 11 })}
      <Field id="county" label={t('farm.county')} error={err.county}>
        <select {...described('county', err.county)} value={v.county} onChange={f.set('county')}>
          {COUNTY_CODES.map((c) => <option value={c}>{countyName(c)}</option>)}
        </select>
      </Field>
      {text('township', t('farm.township'), { maxLength: 30, placeholder: '龙头山镇' })}
      {text('village', t('farm.village'), { maxLength: 30, placeholder: '光明村' }, true)}
      <Field id="description" label={t('farm.description')} error={err.description} optional>
        <textarea {...described('description', err.description)} maxLength={1000} value={v.description} onInput={f.set('description')} />
      </Field>
      <button class="btn block" type="submit" disabled={f.busy}>{t('farm.submitApply')}</button>
    </form>
  );
}
