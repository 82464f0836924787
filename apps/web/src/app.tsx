import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { homeOf, session, signOut } from './api/session';
import { lang, setLang, t } from './i18n';
import { useStore } from './lib/store';
import { location, match, navigate } from './router';
import { AREAS, AreaName, findRoute, ScreenProps, Screens } from './routes';
import { Notice, Spinner } from './ui/bits';
import { MessagesTab } from './areas/buyer/notifications-badge';
import { roleTabs } from './areas/staff/tabs';

const loaded = new Map<AreaName, Screens>();

function useArea(area: AreaName | undefined): { screens: Screens | null; failed: boolean; retry: () => void } {
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!area || loaded.has(area)) return;
    let live = true;
    setFailed(false);
    AREAS[area]()
      .then((m) => {
        loaded.set(area, m.screens);
        if (live) setTick((n) => n + 1);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [area, attempt]);
  return { screens: area ? (loaded.get(area) ?? null) : null, failed, retry: () => setAttempt((n) => n + 1) };
}

export function App() {
  const loc = useStore(location);
  const s = useStore(session);
  useStore(lang);
  const found = findRoute(loc, match);
  const { screens, failed, retry } = useArea(found?.route.area);

  const roles = found?.route.roles;
  const mustLogin = roles && !s;
  useEffect(() => {
    if (mustLogin) navigate(`/login?next=${encodeURIComponent(loc.path + window.location.search)}`, { replace: true });
  }, [mustLogin, loc.path]);

  let body;
  if (!found) body = <Notice kind="info">{t('err.notFound')}</Notice>;
  else if (mustLogin) body = <Spinner />;
  else if (roles && s && !roles.includes(s.user.role)) body = <Notice kind="info">{t('err.FORBIDDEN')} <a href={homeOf(s.user.role)}>{t('nav.home')}</a></Notice>;
  else if (failed) body = <Notice kind="error">{t('err.network')} <button type="button" class="btn link" onClick={retry}>{t('common.retry')}</button></Notice>;
  else if (!screens) body = <Spinner />;
  else {
    const Screen: ComponentType<ScreenProps> | undefined = screens[found.route.screen];
    body = Screen ? <Screen key={loc.path} params={found.params} query={loc.query} /> : <Notice kind="error">{t('err.generic')}</Notice>;
  }

  return (
    <>
      <a class="skip" href="#main">{t('nav.skip')}</a>
      <header class="top">
        <a class="brand" href={homeOf(s?.user.role)}>
          <span class="brand-name">{t('app.name')}</span>
          <span class="brand-tag">{t('app.tagline')}</span>
        </a>
        <button type="button" class="btn ghost small" lang={lang.get() === 'zh' ? 'en' : 'zh-CN'} onClick={() => setLang(lang.get() === 'zh' ? 'en' : 'zh')}>
          {t('nav.lang')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>{body}</main>
      <TabBar path={loc.path} />
    </>
  );
}

function TabBar({ path }: { path: string }) {
  const s = session.get();
  const role = s?.user.role;
  const tabs: Array<[string, string]> =
    role === 'farmer'
      ? [['/farm', t('nav.farm')], ['/farm/products/new', t('farm.newProduct')], ...roleTabs(role)]
      : role === 'staff' || role === 'admin'
        ? roleTabs(role)
        : [['/', t('nav.home')], ['/cart', t('nav.cart')], ['/orders', t('nav.orders')]];
  return (
    <nav class="tabs" aria-label={t('app.name')}>
      {tabs.map(([href, label]) => (
        <a href={href} aria-current={path === href ? 'page' : undefined}>{label}</a>
      ))}
      {role === 'buyer' ? <MessagesTab path={path} /> : null}
      {s ? (
        <button type="button" class="tab-btn" onClick={() => { signOut(); navigate('/'); }}>{t('nav.logout')}</button>
      ) : (
        <a href="/login" aria-current={path === '/login' ? 'page' : undefined}>{t('nav.login')}</a>
      )}
    </nav>
  );
}
