import { getLang } from '../../i18n';

// The tab bar is part of the shell (first screen), so the staff's and admins' tab names live here, small,
// rather than pulling their areas' dictionaries into the shell.
const TABS = {
  staff: [
    ['/staff', '收货', 'Receive'],
    ['/staff/handover', '交货', 'Hand over'],
    ['/staff/waiting', '待取', 'Waiting'],
    ['/staff/statement', '对账', 'Statement'],
  ],
  admin: [
    ['/manage', '审核', 'Approve'],
    ['/manage/runs', '车次', 'Runs'],
    ['/manage/queues', '队列', 'Queues'],
    ['/manage/refunds', '退款', 'Refunds'],
  ],
  // Added after the shell's own farmer tabs (farm, new listing); earnings are a link on the pack list, as a
  // fifth tab would squeeze "上架新商品" onto two lines at 360 px.
  farmer: [['/farm/packing', '打包', 'Packing']],
} as const;

/** [href, label] of the phase-2 tabs of a role (none for buyers, whose tabs the shell draws). */
export function roleTabs(role: string | undefined): Array<[string, string]> {
  const tabs = TABS[role as keyof typeof TABS];
  if (!tabs) return [];
  return tabs.map(([href, zh, en]) => [href, getLang() === 'en' ? en : zh]);
}
