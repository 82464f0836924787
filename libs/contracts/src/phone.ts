/** A mainland mobile number, 11 digits from 13 to 19: what accounts sign in with and what producers and points list. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
