import { distanceKm } from '@app/contracts';

export interface Place {
  id: string;
  lat: number;
  lng: number;
}

/**
 * The order of a run's stops: from the county seat to the nearest point, then on to the nearest point not
 * yet visited, and so on (nearest neighbour). Ties go to the smaller id, so a plan is repeatable.
 */
export function orderStops<P extends Place>(seat: { lat: number; lng: number }, places: P[]): Array<{ place: P; seq: number; legKm: number }> {
  const left = [...places].sort((a, b) => (a.id < b.id ? -1 : 1));
  const out: Array<{ place: P; seq: number; legKm: number }> = [];
  let here = seat;
  while (left.length) {
    let best = 0;
    let bestKm = distanceKm(here, left[0]);
    for (let i = 1; i < left.length; i++) {
      const km = distanceKm(here, left[i]);
      if (km < bestKm) [best, bestKm] = [i, km];
    }
    const [place] = left.splice(best, 1);
    out.push({ place, seq: out.length + 1, legKm: Math.round(bestKm * 10) / 10 });
    here = place;
  }
  return out;
}
