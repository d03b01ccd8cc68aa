/**
 * 一张图's drawing: an ECharts map series over shapes registered from a boundary document
 * (GeoJSON decoded in the browser from geoShapes — no tiles, no base map, nothing fetched from
 * elsewhere). Modular imports (echarts/core + the map chart, tooltip, SVG renderer), loaded
 * lazily (default export) so the phone's first load does not carry it.
 *
 * Regions are keyed by code (`nameProperty: 'code'`: two villages of the same name cannot
 * collide); people see names. The container's `data-regions` gives each region's label point on
 * screen (where a click selects it) for the browser tests and assistive tools.
 */
import { MapChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';

echarts.use([MapChart, TooltipComponent, AriaComponent, SVGRenderer]);

export interface GeoRegion {
  code: string;
  name: string;
  /** [lon, lat] inside the shape, where the label goes. */
  label: number[];
  /** Fill colour; null: no figure (neutral). */
  fill: string | null;
  /** The text under the name (the layer's figure). */
  figure: string;
  tooltip: string;
}

export interface GeoChartProps {
  /** A unique name for the shapes (document ID and version). */
  mapKey: string;
  geojson: object;
  regions: GeoRegion[];
  selected: string | null;
  onSelect: (code: string) => void;
  height: number | string;
  label: string;
  dark?: boolean;
  /** A click anywhere on the map as [lon, lat] (placing a case's point at intake). */
  onPoint?: (p: [number, number]) => void;
  /**
   * A point marked on the map (a case's location on its page), drawn over the chart. Given or not
   * for the chart's whole life: with it, the chart sits in a positioned box with the marker.
   */
  marker?: { lng: number; lat: number; label: string } | null;
}

export default function GeoChart({ mapKey, geojson, regions, selected, onSelect, height, label, dark, onPoint, marker }: GeoChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const point = useRef(onPoint);
  point.current = onPoint;
  const [points, setPoints] = useState('[]');
  const [markerAt, setMarkerAt] = useState<{ x: number; y: number; inside: boolean } | null>(null);
  const markLng = marker?.lng;
  const markLat = marker?.lat;
  useEffect(() => {
    const node = el.current!;
    const c = echarts.init(node, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      if (typeof p.name === 'string' && p.name) select.current(p.name);
    });
    c.getZr().on('click', (e) => {
      if (!point.current) return;
      const p = c.convertFromPixel({ seriesIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (p && Number.isFinite(p[0]) && Number.isFinite(p[1]))
        point.current([Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6]);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    if (!echarts.getMap(mapKey)) echarts.registerMap(mapKey, geojson as Parameters<typeof echarts.registerMap>[1]);
    const byCode = new Map(regions.map((r) => [r.code, r]));
    const text = dark ? '#e6edf7' : '#1f2329';
    c.setOption(
      {
        aria: { enabled: true, label: { description: label } },
        animation: false,
        tooltip: { trigger: 'item', formatter: (p: { name: string }) => byCode.get(p.name)?.tooltip ?? '' },
        series: [
          {
            type: 'map',
            map: mapKey,
            nameProperty: 'code',
            roam: false,
            layoutCenter: ['50%', '50%'],
            layoutSize: '95%',
            selectedMode: false,
            label: {
              show: true,
              color: text,
              fontSize: 12,
              formatter: (p: { name: string }) => {
                const r = byCode.get(p.name);
                return r ? `${r.name}\n${r.figure}` : '';
              },
            },
            itemStyle: { borderColor: dark ? '#8aa4c8' : '#5b6b82', borderWidth: 1, areaColor: dark ? '#24344d' : '#eef2f7' },
            emphasis: { label: { show: true, color: text }, itemStyle: { areaColor: dark ? '#3b5a86' : '#c9daf3' } },
            data: regions.map((r) => ({
              name: r.code,
              value: 0,
              itemStyle: {
                ...(r.fill ? { areaColor: r.fill } : {}),
                ...(r.code === selected ? { borderColor: dark ? '#ffd666' : '#1d39c4', borderWidth: 3 } : {}),
              },
            })),
          },
        ],
      },
      { notMerge: true },
    );
    // Where each region's label is on screen, once drawn.
    const place = () => {
      const out = regions.map((r) => {
        const px = c.convertToPixel({ seriesIndex: 0 }, r.label) as number[] | undefined;
        return { code: r.code, name: r.name, x: px ? Math.round(px[0]!) : null, y: px ? Math.round(px[1]!) : null };
      });
      setPoints(JSON.stringify(out));
      if (markLng === undefined || markLat === undefined) return setMarkerAt(null);
      const m = c.convertToPixel({ seriesIndex: 0 }, [markLng, markLat]) as number[] | undefined;
      const [x, y] = m && Number.isFinite(m[0]) && Number.isFinite(m[1]) ? [Math.round(m[0]!), Math.round(m[1]!)] : [null, null];
      const at = x === null || y === null ? null : { x, y, inside: x >= 0 && y >= 0 && x <= c.getWidth() && y <= c.getHeight() };
      setMarkerAt((was) => (was && at && was.x === at.x && was.y === at.y && was.inside === at.inside ? was : at));
    };
    place();
    c.on('finished', place);
    return () => {
      c.off('finished', place);
    };
  }, [mapKey, geojson, regions, selected, label, dark, markLng, markLat]);
  const drawing = (
    <div ref={el} className="geo-chart" style={{ height }} role="img" aria-label={label} data-testid="map-chart" data-regions={points} />
  );
  if (marker === undefined) return drawing;
  return (
    <div className="geo-chart-marked">
      {drawing}
      {marker && markerAt?.inside ? (
        <span
          className="geo-marker"
          style={{ left: markerAt.x, top: markerAt.y }}
          role="img"
          aria-label={marker.label}
          title={marker.label}
          data-testid="map-marker"
          data-x={markerAt.x}
          data-y={markerAt.y}
        />
      ) : null}
    </div>
  );
}
