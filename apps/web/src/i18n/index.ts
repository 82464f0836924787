import { createStore } from '../lib/store';
import { zh } from './zh';
import { en } from './en';

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof zh;

const DICTS: Record<Lang, Record<MessageKey, string>> = { zh, en };
const saved = localStorage.getItem('zt.lang');
/** Chinese first: English only when chosen. */
export const lang = createStore<Lang>(saved === 'en' ? 'en' : 'zh');

export function getLang(): Lang {
  return lang.get();
}

export function setLang(next: Lang): void {
  localStorage.setItem('zt.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  lang.set(next);
}
document.documentElement.lang = lang.get() === 'zh' ? 'zh-CN' : 'en';

/** {name} placeholders filled from params. */
function fill(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : text;
}

/** The message for `key` in the current language, with {name} placeholders filled. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(DICTS[lang.get()][key] ?? zh[key] ?? key, params);
}

/** A lookup like `t` for an area's own dictionary, kept in the area's chunk. */
export function wordsOf<K extends string>(zhWords: Record<K, string>, enWords: Record<K, string>) {
  return (key: K, params?: Record<string, string | number>): string => fill((lang.get() === 'en' ? enWords : zhWords)[key], params);
}

export function hasKey(key: string): key is MessageKey {
  return key in zh;
}

/** A { zh, en } pair from the API's vocabulary, in the current language. */
export function pick(names: { zh: string; en: string } | undefined, fallback = ''): string {
  return names ? names[lang.get()] : fallback;
}
