// What the pickup-point API accepts for the fields admins and staff both edit (CreatePointDto), checked on
// the phone first so most mistakes are caught before a round trip on a weak signal.
import { MOBILE_PATTERN } from '../../../../libs/contracts/src/phone';

/** Characters as the API counts them (code points): a rare 汉字 outside the basic plane is one, not two. */
export const textLength = (s: string) => [...s.trim()].length;

export const capacityOk = (text: string) => /^\d{1,5}$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 10000;
export const contactNameOk = (text: string) => textLength(text) <= 20;
export const mobileOk = (text: string) => MOBILE_PATTERN.test(text.trim());
