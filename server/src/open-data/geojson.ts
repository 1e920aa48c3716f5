// GeoJSON (RFC 7946): one Feature per pole, [longitude, latitude], WGS 84. A pole without
// coordinates is kept with a null geometry (RFC 7946 §3.2: an unlocated feature), so the
// collection lists every pole, as the CSV does; a map simply draws none for it.
import type { OpenPole } from './fields.js';

export function polesGeoJson(poles: OpenPole[]) {
  return {
    type: 'FeatureCollection',
    features: poles.map(({ geo, ...properties }) => ({
      type: 'Feature',
      id: properties.id,
      geometry: geo ? { type: 'Point', coordinates: [geo.lon, geo.lat] } : null,
      properties,
    })),
  };
}
