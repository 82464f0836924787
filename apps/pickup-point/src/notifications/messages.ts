import { TIME_ZONE } from '@app/contracts';
import { LocalizedText } from './notifier';

const ZH_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const EN_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

/** Deadlines are shown in China time, whatever the server's zone. */
export function shownTime(at: Date): LocalizedText {
  return { zh: ZH_TIME.format(at), en: EN_TIME.format(at) };
}

interface Place {
  pointName: string;
  deadline: Date;
}

/** The code itself travels in the notification's data, not its text, so it can be retired when replaced or used. */
export function pickupCodeMessage(p: Place & { renewed: boolean }): { title: LocalizedText; body: LocalizedText } {
  const by = shownTime(p.deadline);
  return {
    title: p.renewed ? { zh: '新的取货码', en: 'Your new pickup code' } : { zh: '您的货已到服务站', en: 'Your order is ready for pickup' },
    body: {
      zh: `请在 ${by.zh} 前凭取货码到「${p.pointName}」取货。${p.renewed ? '旧取货码已失效。' : ''}`,
      en: `Show your pickup code at ${p.pointName} by ${by.en} (China time).${p.renewed ? ' The old code no longer works.' : ''}`,
    },
  };
}

/** Someone at the counter got the code wrong too often. It may be the buyer mistyping, or a stranger guessing. */
export function codeLockedMessage(p: { pointName: string; attempts: number }): { title: LocalizedText; body: LocalizedText } {
  return {
    title: { zh: '取货码已锁定', en: 'Pickup code locked' },
    body: {
      zh: `在「${p.pointName}」取货时取货码输错了 ${p.attempts} 次，这个码已锁定，您的货还在服务站。如果是您在取货，请在订单页点「换一个取货码」；如果不是您，请不要把取货码告诉别人。`,
      en: `The pickup code was entered wrongly ${p.attempts} times at ${p.pointName}, so it is locked; your order is still there. If it was you, tap "Get a new code" on the order page. If not, do not share your code with anyone.`,
    },
  };
}

export function remindMessageFor(p: Place): { title: LocalizedText; body: LocalizedText } {
  const by = shownTime(p.deadline);
  return {
    title: { zh: '取货提醒', en: 'Pickup reminder' },
    body: {
      zh: `您的货在「${p.pointName}」等您，请在 ${by.zh} 前取货，逾期将退回。`,
      en: `Your order is waiting at ${p.pointName}. Collect it by ${by.en} (China time), or it will be returned.`,
    },
  };
}

export function returnedMessage(p: { pointName: string }): { title: LocalizedText; body: LocalizedText } {
  return {
    title: { zh: '货物已退回', en: 'Your order was returned' },
    body: {
      zh: `您在「${p.pointName}」的货未在期限内取走，已退回。退款将按规则处理。`,
      en: `Your order at ${p.pointName} was not collected in time and has been returned. Any refund follows the return rules.`,
    },
  };
}
