import { addDays, daysBetween, todayInChina } from '@app/contracts';

export { addDays, daysBetween };

export const tomorrowInChina = (now = new Date()) => addDays(todayInChina(now), 1);

