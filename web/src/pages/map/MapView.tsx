/**
 * 一张图: the territory of the viewer's unit, one level at a time (a province's cities → a city's
 * counties → a county's towns → a town's villages → a village's grids), each region coloured by a layer — open cases by colour
 * (blue/orange/red), overdue, hazards not yet rectified, today's patrol coverage, key persons
 * (counts only, never people). Click a region: its figures, a way down, and links to its lists.
 * The shapes are the one boundary document of the level shown (geoShapes), decoded here; the
 * figures come from counters, the day's coverage document and count() aggregations
 * (data/map-hooks.ts); above the county (a city's or province's own map) from the area's own
 * counter shards, which carry each county's or city's figures — open cases by colour and overdue
 * only: 排查 items, patrols and key persons are the counties' own. A city or province user who
 * goes down into a county sees its towns, villages and grids where the rules let them read them
 * (counters and today's patrols; not items or key persons). Where a shape is schematic, the map
 * says so (示意边界，非测绘数据).
 *
 * Plain elements (no antd): the same view is the centre of the wall screen.
 */
import { type GeoShapeDoc, anySchematic, toFeatureCollection } from '@domain';
import { Suspense, lazy, useMemo, useState } from 'react';
import type { GeoRegion } from '../../components/GeoChart';
import { useUnitCounters } from '../../data/hooks';
import {
  type Counts,
  type MapCounts,
  type MapLevel,
  areaChildCounts,
  countsOf,
  isAreaMapLevel,
  mapLevelOf,
  useGeoShapes,
  usePatrolCoverage,
  useRegionCounts,
} from '../../data/map-hooks';
import { useManyCounters } from '../../data/unit-hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { hrefFor } from '../../router';

const GeoChart = lazy(() => import('../../components/GeoChart'));

export const MAP_LAYERS = ['cases', 'overdue', 'hazards', 'patrol', 'keyPersons'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

const COLOURS = { blue: '#5b8ff9', orange: '#f59a23', red: '#e8453c' } as const;
/** Light to strong, for counts (overdue, hazards, key persons). */
const SCALES: Record<'overdue' | 'hazards' | 'keyPersons', string[]> = {
  overdue: ['#fde2e0', '#f5a39d', '#e8453c'],
  hazards: ['#fdebd3', '#f8c27a', '#e8871e'],
  keyPersons: ['#ece4fb', '#c2a8f0', '#7b4fd6'],
};
const step = (n: number, scale: string[]) => (n <= 0 ? null : n <= 2 ? scale[0]! : n <= 5 ? scale[1]! : scale[2]!);
const coverageFill = (p: number, g: number) => (g === 0 ? null : p === 0 ? '#f5c6c2' : p < g ? '#f8dd8c' : '#95d5a6');

export interface RegionFigures {
  code: string;
  name: string;
  counters: MapCounts | null | undefined;
  hazards: number | 'denied' | undefined;
  keyPersons: number | 'denied' | undefined;
  patrol: { patrolled: number; grids: number } | 'denied' | undefined;
}

const LEVEL_KEY: Record<MapLevel, MessageKey> = {
  city: 'map.level.city',
  county: 'map.level.county',
  town: 'map.level.town',
  village: 'map.level.village',
  grid: 'map.level.grid',
};
/** The level shown after going down into a region of a level. */
const BELOW: Partial<Record<MapLevel, MapLevel>> = { city: 'county', county: 'town', town: 'village', village: 'grid' };

/**
 * The layers a level offers: above the county, the cases (the area's shards hold nothing else per
 * child); inside a county seen from a city or province, the cases and today's patrols (the rules
 * give upper tiers counters and patrol days, not 排查 items or key persons); otherwise all.
 */
export function layersOf(level: MapLevel | null, viewerUnit: string): readonly MapLayer[] {
  if (isAreaMapLevel(level)) return ['cases', 'overdue'];
  if (/^(\d{2}|\d{4})$/.test(viewerUnit)) return ['cases', 'overdue', 'patrol'];
  return MAP_LAYERS;
}
const LAYER_KEY: Record<MapLayer, MessageKey> = {
  cases: 'map.layer.cases',
  overdue: 'map.layer.overdue',
  hazards: 'map.layer.hazards',
  patrol: 'map.layer.patrol',
  keyPersons: 'map.layer.keyPersons',
};

/** A region's figures from what is loaded (undefined: still loading). */
function figuresOf(
  code: string,
  doc: GeoShapeDoc | null,
  counters: Record<string, MapCounts | null | undefined>,
  hazards: Counts,
  keyPersons: Counts,
  coverage: ReturnType<typeof usePatrolCoverage>,
): RegionFigures {
  return {
    code,
    name: doc?.shapes[code]?.name ?? code,
    counters: counters[code],
    hazards: hazards === 'denied' ? 'denied' : hazards ? (hazards[code] ?? 0) : undefined,
    keyPersons: keyPersons === 'denied' ? 'denied' : keyPersons ? (keyPersons[code] ?? 0) : undefined,
    patrol: coverage === 'denied' ? 'denied' : coverage ? coverage[code] : undefined,
  };
}

export function MapView({
  rootUnit,
  rootName,
  countyId,
  viewerUnit,
  compact = false,
  dark = false,
}: {
  /** The unit the map starts at (the viewer's own); the map does not go above it. */
  rootUnit: string;
  rootName: string;
  countyId: string;
  /** The viewer's own unit (claims.u): count() queries are scoped by it, as the rules ask. */
  viewerUnit: string;
  /** The wall screen: no drill buttons below the figures, larger type from the wall's CSS. */
  compact?: boolean;
  dark?: boolean;
}) {
  const { t } = useI18n();
  // A grid worker's map is their village's grids.
  const start = mapLevelOf(rootUnit) ? rootUnit : rootUnit.length === 15 ? rootUnit.slice(0, 12) : rootUnit;
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([{ id: start, name: rootName }]);
  const unit = trail[trail.length - 1]!.id;
  const level = mapLevelOf(unit);
  const area = isAreaMapLevel(level);
  const layers = layersOf(level, viewerUnit);
  const upperViewer = /^(\d{2}|\d{4})$/.test(viewerUnit);
  const [chosen, setLayer] = useState<MapLayer>('cases');
  // A layer the level does not offer (after going down or up) shows the cases.
  const layer: MapLayer = layers.includes(chosen) ? chosen : 'cases';
  const [selected, setSelected] = useState<string | null>(null);
  const shapes = useGeoShapes(unit);
  const doc: GeoShapeDoc | null = shapes?.status === 'ready' ? shapes.data : null;
  const regionIds = useMemo(() => (doc ? Object.keys(doc.shapes).sort() : null), [doc]);
  // Above the county: the area's own shards (one live query, a fixed number of documents);
  // inside a county: each region's counters.
  const areaCounters = useUnitCounters(area ? unit : null);
  const unitCounters = useManyCounters(area ? null : regionIds);
  const counters = useMemo(() => {
    if (area) return areaChildCounts(areaCounters, regionIds);
    const out: Record<string, MapCounts | null | undefined> = {};
    for (const id of regionIds ?? []) out[id] = countsOf(unitCounters[id]);
    return out;
  }, [area, areaCounters, unitCounters, regionIds]);
  const inner = area ? null : level;
  const hazards = useRegionCounts(layers.includes('hazards') ? 'hazards' : null, viewerUnit, inner, regionIds);
  const keyPersons = useRegionCounts(layers.includes('keyPersons') ? 'keyPersons' : null, viewerUnit, inner, regionIds);
  // The county shown (a city's or province's user has no county of their own).
  const county = unit.length >= 6 ? unit.slice(0, 6) : countyId;
  const coverage = usePatrolCoverage(county, layers.includes('patrol') ? unit : null, layers.includes('patrol') ? regionIds : null);
  const geojson = useMemo(() => (doc ? toFeatureCollection(doc) : null), [doc]);
  const schematic = doc ? anySchematic([doc]) : false;

  const figures = (code: string) => figuresOf(code, doc, counters, hazards, keyPersons, coverage);

  const regions: GeoRegion[] = useMemo(() => {
    if (!doc || !regionIds) return [];
    return regionIds.map((code) => {
      const f = figuresOf(code, doc, counters, hazards, keyPersons, coverage);
      const c = f.counters;
      let fill: string | null = null;
      let figure = '…';
      if (layer === 'cases') {
        if (c !== undefined) {
          const colour = c?.colour ?? {};
          fill = (colour.red ?? 0) > 0 ? COLOURS.red : (colour.orange ?? 0) > 0 ? COLOURS.orange : (c?.open ?? 0) > 0 ? COLOURS.blue : null;
          figure = t('map.fig.open', { n: c?.open ?? 0 });
        }
      } else if (layer === 'overdue') {
        if (c !== undefined) {
          fill = step(c?.overdue ?? 0, SCALES.overdue);
          figure = t('map.fig.overdue', { n: c?.overdue ?? 0 });
        }
      } else if (layer === 'patrol') {
        if (f.patrol === 'denied') figure = t('map.fig.denied');
        else if (f.patrol) {
          fill = coverageFill(f.patrol.patrolled, f.patrol.grids);
          figure = t('map.fig.patrol', { p: f.patrol.patrolled, g: f.patrol.grids });
        }
      } else {
        const n = layer === 'hazards' ? f.hazards : f.keyPersons;
        if (n === 'denied') figure = t('map.fig.denied');
        else if (n !== undefined) {
          fill = step(n, SCALES[layer]);
          figure = t(layer === 'hazards' ? 'map.fig.hazards' : 'map.fig.keyPersons', { n });
        }
      }
      const e = doc.shapes[code]!;
      return { code, name: e.name, label: e.label, fill, figure, tooltip: `${e.name}：${figure}` };
    });
  }, [doc, regionIds, layer, counters, hazards, keyPersons, coverage, t]);

  const ready = !!doc && regions.every((r) => r.figure !== '…');
  const sel = selected && doc?.shapes[selected] ? figures(selected) : null;
  const drill = (code: string) => {
    const name = doc?.shapes[code]?.name ?? code;
    setTrail([...trail, { id: code, name }]);
    setSelected(null);
  };
  const up = (i: number) => {
    setTrail(trail.slice(0, i + 1));
    setSelected(null);
  };

  return (
    <div
      className={`map-view${compact ? ' map-compact' : ''}${dark ? ' map-dark' : ''}`}
      data-testid="map-view"
      data-unit={unit}
      data-level={level ?? ''}
      data-layer={layer}
      data-state={ready ? 'ready' : 'loading'}
    >
      <div className="map-bar">
        <nav className="map-trail" aria-label={t('map.trail')} data-testid="map-trail">
          {trail.map((x, i) =>
            i < trail.length - 1 ? (
              <span key={x.id}>
                <button type="button" className="map-link" onClick={() => up(i)} data-testid="map-up">
                  {x.name}
                </button>
                <span aria-hidden="true"> › </span>
              </span>
            ) : (
              <span key={x.id} aria-current="page" data-testid="map-here">
                {x.name}
                {level ? ` · ${t(LEVEL_KEY[level])}` : ''}
              </span>
            ),
          )}
        </nav>
        <fieldset className="map-layers" data-testid="map-layers">
          <legend className="map-sr">{t('map.layers')}</legend>
          {layers.map((l) => (
            <button
              key={l}
              type="button"
              className={`map-layer${l === layer ? ' map-layer-on' : ''}`}
              aria-pressed={l === layer}
              data-testid={`map-layer-${l}`}
              onClick={() => setLayer(l)}
            >
              {t(LAYER_KEY[l])}
            </button>
          ))}
        </fieldset>
      </div>

      {shapes?.status === 'error' ? (
        <p className="map-empty" data-testid="map-error">
          {t('map.error')}
        </p>
      ) : shapes?.status === 'ready' && !doc ? (
        <p className="map-empty" data-testid="map-none">
          {t('map.none')}
        </p>
      ) : null}

      <div className="map-body">
        <div className="map-canvas">
          {geojson && doc ? (
            <Suspense fallback={<div className="map-placeholder">{t('app.loading')}</div>}>
              <GeoChart
                mapKey={`${doc.id}@${new Date(doc.updatedAt).getTime()}`}
                geojson={geojson}
                regions={regions}
                selected={selected}
                onSelect={setSelected}
                height={compact ? '100%' : 'min(62vh, 560px)'}
                label={t('map.aria', { place: trail[trail.length - 1]!.name })}
                dark={dark}
              />
            </Suspense>
          ) : (
            <div className="map-placeholder">{shapes?.status === 'ready' ? '' : t('app.loading')}</div>
          )}
          {schematic ? (
            <p className="map-note" data-testid="map-schematic">
              {t('map.schematic')}
            </p>
          ) : null}
          <Legend layer={layer} />
        </div>
        {sel ? (
          <RegionPanel
            f={sel}
            level={level}
            layers={layers}
            compact={compact}
            onDrill={level && BELOW[level] ? () => drill(sel.code) : null}
            boardLink={!upperViewer}
            onClose={() => setSelected(null)}
          />
        ) : compact ? null : (
          <p className="map-hint">{t('map.hint')}</p>
        )}
      </div>
    </div>
  );
}

function Legend({ layer }: { layer: MapLayer }) {
  const { t } = useI18n();
  const items: [string, string][] =
    layer === 'cases'
      ? [
          [COLOURS.blue, t('map.legend.blue')],
          [COLOURS.orange, t('map.legend.orange')],
          [COLOURS.red, t('map.legend.red')],
        ]
      : layer === 'patrol'
        ? [
            ['#95d5a6', t('map.legend.patrolAll')],
            ['#f8dd8c', t('map.legend.patrolSome')],
            ['#f5c6c2', t('map.legend.patrolNone')],
          ]
        : SCALES[layer].map((c, i) => [c, ['1–2', '3–5', '6+'][i]!]);
  return (
    <ul className="map-legend" aria-label={t('map.legend')}>
      {items.map(([c, label]) => (
        <li key={label}>
          <span className="map-swatch" style={{ background: c }} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}

function RegionPanel({
  f,
  level,
  layers,
  compact,
  onDrill,
  boardLink,
  onClose,
}: {
  f: RegionFigures;
  level: MapLevel | null;
  /** The layers offered: figures of the others are not shown (the viewer does not read them here). */
  layers: readonly MapLayer[];
  compact: boolean;
  onDrill: (() => void) | null;
  /** The case board filtered to the region: for the county's own users (a city's board lists only the cases sent up to it). */
  boardLink: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const c = f.counters;
  const n = (v: number | 'denied' | undefined) => (v === undefined ? '…' : v === 'denied' ? t('map.fig.denied') : String(v));
  const rows: [string, string, string][] = [
    ['open', t('map.p.open'), c === undefined ? '…' : String(c?.open ?? 0)],
    ['blue', t('map.legend.blue'), c === undefined ? '…' : String(c?.colour.blue ?? 0)],
    ['orange', t('map.legend.orange'), c === undefined ? '…' : String(c?.colour.orange ?? 0)],
    ['red', t('map.legend.red'), c === undefined ? '…' : String(c?.colour.red ?? 0)],
    ['overdue', t('map.p.overdue'), c === undefined ? '…' : String(c?.overdue ?? 0)],
    ['hazards', t('map.p.hazards'), n(f.hazards)],
    [
      'patrol',
      t('map.p.patrol'),
      f.patrol === undefined
        ? '…'
        : f.patrol === 'denied'
          ? t('map.fig.denied')
          : t('map.fig.patrol', { p: f.patrol.patrolled, g: f.patrol.grids }),
    ],
    ['keyPersons', t('map.p.keyPersons'), n(f.keyPersons)],
  ];
  const shown = rows.filter(([k]) => !(['hazards', 'patrol', 'keyPersons'] as string[]).includes(k) || layers.includes(k as MapLayer));
  return (
    <section className="map-panel" data-testid="map-panel" data-code={f.code} aria-label={f.name}>
      <header className="map-panel-head">
        <h3 data-testid="map-panel-name">{f.name}</h3>
        <button type="button" className="map-link" onClick={onClose} aria-label={t('map.close')}>
          ×
        </button>
      </header>
      <dl className="map-figures">
        {shown.map(([k, label, v]) => (
          <div key={k} data-testid={`map-fig-${k}`} data-value={v}>
            <dt>{label}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {compact ? null : (
        <div className="map-actions">
          {onDrill ? (
            <button type="button" className="map-button" onClick={onDrill} data-testid="map-drill">
              {t('map.drill', { level: t(LEVEL_KEY[(level && BELOW[level]) ?? 'grid']) })}
            </button>
          ) : null}
          {boardLink ? (
            <a className="map-button" href={hrefFor({ name: 'board', query: { f: `unitId:${f.code}` } })} data-testid="map-list">
              {t('map.list')}
            </a>
          ) : null}
          <a className="map-button" href={hrefFor({ name: 'stats', tab: 'figures', query: { unit: f.code } })} data-testid="map-stats">
            {t('map.stats')}
          </a>
        </div>
      )}
    </section>
  );
}
