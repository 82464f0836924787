import { api } from '../../api/client';
import { session } from '../../api/session';
import { createStore, useStore } from '../../lib/store';
import { useLoad } from '../../lib/use-load';
import { Notice } from '../../ui/bits';
import { LoadState } from '../../ui/load-state';
import type { StaffPoint } from './types';
import { w } from './words';

const KEY = 'zt.staff.point';
/** The point this phone works for; a staff account may be bound to several (a township shop and a village room). */
const chosen = createStore<string | null>(localStorage.getItem(KEY));

// The account's points rarely change during a shift: asked once per sign-in, not on every screen.
let cached: { token: string; points: Promise<StaffPoint[]> } | null = null;
function myPoints(): Promise<StaffPoint[]> {
  const token = session.get()?.token ?? '';
  if (!cached || cached.token !== token) {
    const points = api.get<{ items: StaffPoint[] }>('/api/pickup-points/mine').then((r) => r.items);
    cached = { token, points };
    points.catch(() => (cached = null));
  }
  return cached.points;
}

export function useStaffPoint() {
  const state = useLoad(() => myPoints(), []);
  const id = useStore(chosen);
  const points = state.data;
  const point = points?.find((p) => p.id === id) ?? points?.[0];
  return { state, points, point };
}

/**
 * The point picker above each staff screen: a select when the account has several points, the name
 * otherwise. Renders the loading/error/no-point states itself; `children` only once a point is known.
 */
export function WithPoint({ children }: { children: (point: StaffPoint) => preact.ComponentChildren }) {
  const { state, points, point } = useStaffPoint();
  if (!points) return <LoadState state={state} />;
  if (!point) return <Notice kind="info">{w('point.none')}</Notice>;
  return (
    <>
      {points.length > 1 ? (
        <div class="field">
          <label for="staff-point">{w('point.label')}</label>
          <select
            id="staff-point"
            value={point.id}
            onChange={(e) => {
              localStorage.setItem(KEY, e.currentTarget.value);
              chosen.set(e.currentTarget.value);
            }}
          >
            {points.map((p) => <option value={p.id}>{p.name}</option>)}
          </select>
        </div>
      ) : (
        <p class="muted point-name">{point.name}</p>
      )}
      {location.pathname === '/staff/settings' ? null : (
        <p class="point-settings"><a href="/staff/settings">{w('settings.link')}</a></p>
      )}
      {children(point)}
    </>
  );
}
