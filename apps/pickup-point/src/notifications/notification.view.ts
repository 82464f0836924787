export interface NotificationRow {
  id: string;
  kind: string;
  order_id: string | null;
  title_zh: string;
  body_zh: string;
  title_en: string;
  body_en: string;
  data: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
}

export function notificationView(r: NotificationRow) {
  return {
    id: r.id,
    kind: r.kind,
    orderId: r.order_id,
    title: { zh: r.title_zh, en: r.title_en },
    body: { zh: r.body_zh, en: r.body_en },
    data: r.data,
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
