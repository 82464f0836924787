import { getLang } from '../../i18n';

/** The buyer's notification, pickup-code and tracking words (phase 2). */
const zh = {
  'nav.messages': '消息',
  'nav.unread': '{n} 条未读',
  'messages.title': '消息',
  'messages.none': '还没有消息。货到服务站时，取货码会发到这里。',
  'messages.unread': '未读',
  'messages.markRead': '标为已读',
  'messages.openOrder': '查看订单',
  'messages.codeUsed': '这个取货码已失效',
  'code.title': '取货码',
  'code.show': '到服务站后，把这个码给店员看，或让店员扫二维码。',
  'code.qrAlt': '取货码二维码',
  'code.deadline': '请在 {time} 前取货',
  'code.renew': '换一个取货码',
  'code.renewHint': '如果店员说取货码已锁定（输错太多次），点这里换一个新码，旧码会失效。',
  'code.renewConfirm': '换一个新的取货码吗？旧的码会马上失效。',
  'code.renewed': '新的取货码已发给您。',
  'code.missing': '取货码已失效。点下面的按钮获取新的取货码。',
  'track.title': '物流进度',
  'track.none': '农户打包后，这里会显示进度。',
  'track.packed': '{who}已打包',
  'track.collected': '已从{who}收走',
  'track.at_hub': '已到县里中转站',
  'track.out_for_delivery': '正在送往服务站',
  'track.delivered_to_point': '已送到服务站',
  'track.received': '服务站已收货',
  'track.missing': '有包裹没送到，这部分会退款',
  'track.damaged': '有包裹破损，这部分会退款',
  'track.ready': '可以取货了',
  'track.handed_over': '已取货',
  'track.returned': '超时未取，已退回',
  'track.short': '{who}缺货，这部分会退款',
  'track.farmer': '农户',
} as const;

export type BuyerWord = keyof typeof zh;

const en: Record<BuyerWord, string> = {
  'nav.messages': 'Messages',
  'nav.unread': '{n} unread',
  'messages.title': 'Messages',
  'messages.none': 'No messages yet. Your pickup code arrives here when your order reaches the pickup point.',
  'messages.unread': 'Unread',
  'messages.markRead': 'Mark as read',
  'messages.openOrder': 'View the order',
  'messages.codeUsed': 'This pickup code no longer works',
  'code.title': 'Pickup code',
  'code.show': 'At the pickup point, show this code to the staff or let them scan the QR code.',
  'code.qrAlt': 'Pickup code as a QR code',
  'code.deadline': 'Collect by {time}',
  'code.renew': 'Get a new code',
  'code.renewHint': 'If the staff say the code is locked (too many wrong tries), get a new one here; the old code stops working.',
  'code.renewConfirm': 'Get a new pickup code? The old one stops working at once.',
  'code.renewed': 'Your new pickup code has been sent.',
  'code.missing': 'Your pickup code no longer works. Tap the button below for a new one.',
  'track.title': 'Tracking',
  'track.none': 'Progress shows here once the farmer has packed.',
  'track.packed': 'Packed by the {who}',
  'track.collected': 'Collected from the {who}',
  'track.at_hub': 'At the county hub',
  'track.out_for_delivery': 'On its way to the pickup point',
  'track.delivered_to_point': 'Delivered to the pickup point',
  'track.received': 'Received by the pickup point',
  'track.missing': 'A parcel did not arrive; that part is refunded',
  'track.damaged': 'A parcel arrived damaged; that part is refunded',
  'track.ready': 'Ready for pickup',
  'track.handed_over': 'Picked up',
  'track.returned': 'Not collected in time; returned',
  'track.short': 'The {who} was short; that part is refunded',
  'track.farmer': 'farmer',
};

export function w(key: BuyerWord, params?: Record<string, string | number>): string {
  const text = (getLang() === 'en' ? en : zh)[key];
  return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : text;
}

export const hasWord = (key: string): key is BuyerWord => key in zh;
