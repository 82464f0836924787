import { EntityManager } from 'typeorm';

export const NOTIFICATION_KINDS = ['pickup_code', 'pickup_code_locked', 'pickup_reminder', 'pickup_returned'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  orderId: string | null;
  collectionId: string | null;
  title: LocalizedText;
  body: LocalizedText;
  /** Structured facts for the app (the pickup code for 'pickup_code', the deadline, the point). */
  data: Record<string, unknown>;
}

/**
 * Tells a user something. It runs inside the caller's transaction, so a notification exists exactly when
 * the change it reports was committed. The built-in adapter is in-app (InAppNotifier); an SMS or WeChat
 * adapter would send after commit from the same call.
 */
export abstract class Notifier {
  /** Returns the notification's id. */
  abstract notify(tx: EntityManager, notification: NewNotification): Promise<string>;
}
