/**
 * A tiny ECharts wrapper with modular imports (echarts/core + bar, line and pie charts and the
 * components the dashboard and the statistics page use, SVG renderer): about a third of the full
 * bundle. Loaded lazily (default export) so the numbers show before the charts' code arrives.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export default function EChart({ option, height, label, testId }: { option: ChartOption; height: number; label: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const node = el.current!;
    const c = echarts.init(node, undefined, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, decal: { show: true } }, animationDuration: 300, ...option }, { notMerge: true });
  }, [option]);
  // A fixed height: no layout jump when the chart arrives. The chart is an image to assistive
  // technology; the same numbers are in the text next to it.
  return <div ref={el} className="echart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
