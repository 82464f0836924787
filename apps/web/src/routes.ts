import type { ComponentType } from 'preact';
import type { Role } from './api/session';
import type { Location } from './router';

export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export type Screens = Record<string, ComponentType<ScreenProps>>;

/**
 * Each role's screens are one lazily loaded chunk, so a buyer's phone never downloads the farmer's
 * photo tools. Phase 2 adds `staff` (receive, handover, overdue, statement) and `admin` (approvals,
 * runs, queues, refunds) here and in ROUTES, each as its own src/areas/<name>/index.ts exporting `screens`.
 */
export const AREAS = {
  buyer: () => import('./areas/buyer'),
  account: () => import('./areas/account'),
  farmer: () => import('./areas/farmer'),
  staff: () => import('./areas/staff'),
  admin: () => import('./areas/admin'),
} satisfies Record<string, () => Promise<{ screens: Screens }>>;

export type AreaName = keyof typeof AREAS;

export interface Route {
  path: string;
  area: AreaName;
  screen: string;
  /** Who may open it; others are sent to log in (or home, if logged in with another role). */
  roles?: Role[];
}

export const ROUTES: Route[] = [
  { path: '/', area: 'buyer', screen: 'home' },
  { path: '/search', area: 'buyer', screen: 'home' },
  { path: '/p/:id', area: 'buyer', screen: 'product' },
  { path: '/producers/:id', area: 'buyer', screen: 'producer' },
  { path: '/cart', area: 'buyer', screen: 'cart', roles: ['buyer'] },
  { path: '/checkout', area: 'buyer', screen: 'checkout', roles: ['buyer'] },
  { path: '/orders', area: 'buyer', screen: 'orders', roles: ['buyer'] },
  { path: '/orders/:id', area: 'buyer', screen: 'order', roles: ['buyer'] },
  { path: '/orders/:id/pay', area: 'buyer', screen: 'pay', roles: ['buyer'] },
  { path: '/login', area: 'account', screen: 'login' },
  { path: '/register', area: 'account', screen: 'register' },
  { path: '/farm', area: 'farmer', screen: 'dashboard', roles: ['farmer'] },
  { path: '/farm/apply', area: 'farmer', screen: 'apply', roles: ['farmer'] },
  { path: '/farm/products/new', area: 'farmer', screen: 'listing', roles: ['farmer'] },
  { path: '/farm/products/:id', area: 'farmer', screen: 'edit', roles: ['farmer'] },
  { path: '/farm/packing', area: 'farmer', screen: 'packing', roles: ['farmer'] },
  { path: '/farm/packing/:id', area: 'farmer', screen: 'packTask', roles: ['farmer'] },
  { path: '/farm/labels/:id', area: 'farmer', screen: 'label', roles: ['farmer'] },
  { path: '/farm/earnings', area: 'farmer', screen: 'earnings', roles: ['farmer'] },
  { path: '/notifications', area: 'buyer', screen: 'notifications', roles: ['buyer'] },
  { path: '/staff', area: 'staff', screen: 'receive', roles: ['staff'] },
  { path: '/staff/handover', area: 'staff', screen: 'handover', roles: ['staff'] },
  { path: '/staff/waiting', area: 'staff', screen: 'waiting', roles: ['staff'] },
  { path: '/staff/statement', area: 'staff', screen: 'statement', roles: ['staff'] },
  // Hours, capacity and closed days: linked under the point's name, as a fifth tab would not fit at 360 px.
  { path: '/staff/settings', area: 'staff', screen: 'settings', roles: ['staff'] },
  // Not '/admin/…': '/admin/queues' is the server's bull-board page.
  { path: '/manage', area: 'admin', screen: 'approvals', roles: ['admin'] },
  { path: '/manage/runs', area: 'admin', screen: 'runs', roles: ['admin'] },
  { path: '/manage/queues', area: 'admin', screen: 'queues', roles: ['admin'] },
  { path: '/manage/refunds', area: 'admin', screen: 'refunds', roles: ['admin'] },
  // A link on the approvals screen: a fifth tab would not fit at 360 px.
  { path: '/manage/accounts', area: 'admin', screen: 'accounts', roles: ['admin'] },
  // Also linked from approvals: the network of points, a new point, and who staffs each.
  { path: '/manage/points', area: 'admin', screen: 'points', roles: ['admin'] },
];

export function findRoute(loc: Location, matcher: (pattern: string, path: string) => Record<string, string> | null) {
  for (const route of ROUTES) {
    const params = matcher(route.path, loc.path);
    if (params) return { route, params };
  }
  return null;
}
