import type { County } from './geo';

/**
 * Where each county-level division's seat (县城/区政府) lies, WGS84, to about 1 km: collection runs
 * start there.
 */
export const COUNTY_SEATS: Record<County, { lat: number; lng: number }> = {
  zhaoyang: { lat: 27.3202, lng: 103.7157 },
  ludian: { lat: 27.1915, lng: 103.5581 },
  qiaojia: { lat: 26.9121, lng: 102.9295 },
  yanjin: { lat: 28.1080, lng: 104.2350 },
  daguan: { lat: 27.7475, lng: 103.8912 },
  yongshan: { lat: 28.2296, lng: 103.6383 },
  suijiang: { lat: 28.5921, lng: 103.9683 },
  zhenxiong: { lat: 27.4411, lng: 104.8734 },
  yiliang: { lat: 27.6253, lng: 104.0487 },
  weixin: { lat: 27.8437, lng: 105.0485 },
  shuifu: { lat: 28.6296, lng: 104.4157 },
};

/** Great-circle distance in km (haversine on the Earth's mean radius): enough to order stops. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
