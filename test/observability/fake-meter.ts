/**
 * A MetricMeter that keeps what is recorded, for asserting product metrics without a
 * Prometheus endpoint (the runtime's exporter is process-wide and jest's runtime has none).
 */
import { type MetricCounter, type MetricGauge, type MetricHistogram, type MetricMeter, type MetricTags, type NumericMetricValueType } from '@temporalio/common';

const key = (tags: MetricTags = {}) =>
  Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');

export class FakeMeter implements MetricMeter {
  /** name → label key (`a=1,b=2`) → value: counter sums, last gauge value. */
  readonly values = new Map<string, Map<string, number>>();
  /** name → label key → recorded observations. */
  readonly observations = new Map<string, Map<string, number[]>>();

  private series(name: string): Map<string, number> {
    let s = this.values.get(name);
    if (!s) this.values.set(name, (s = new Map()));
    return s;
  }

  /** A counter's value for exact labels (0 when never added to). */
  value(name: string, tags: MetricTags): number {
    return this.values.get(name)?.get(key(tags)) ?? 0;
  }

  /** Sum over all label sets of a counter. */
  total(name: string): number {
    return [...(this.values.get(name)?.values() ?? [])].reduce((a, b) => a + b, 0);
  }

  /** Every label set of a metric with its value, as `{ labels: value }`. */
  all(name: string): Record<string, number> {
    return Object.fromEntries(this.values.get(name) ?? []);
  }

  recorded(name: string, tags: MetricTags): number[] {
    return this.observations.get(name)?.get(key(tags)) ?? [];
  }

  createCounter(name: string, unit = '', description = ''): MetricCounter {
    const series = this.series(name);
    const counter: MetricCounter = {
      name,
      unit,
      description,
      kind: 'counter',
      valueType: 'int',
      add: (value, tags) => {
        if (value < 0) throw new Error(`negative counter increment for ${name}`);
        series.set(key(tags), (series.get(key(tags)) ?? 0) + value);
      },
      withTags: () => counter,
    };
    return counter;
  }

  createHistogram(name: string, valueType: NumericMetricValueType = 'int', unit = '', description = ''): MetricHistogram {
    let obs = this.observations.get(name);
    if (!obs) this.observations.set(name, (obs = new Map()));
    const store = obs;
    const histogram: MetricHistogram = {
      name,
      unit,
      description,
      kind: 'histogram',
      valueType,
      record: (value, tags) => store.set(key(tags), [...(store.get(key(tags)) ?? []), value]),
      withTags: () => histogram,
    };
    return histogram;
  }

  createGauge(name: string, valueType: NumericMetricValueType = 'int', unit = '', description = ''): MetricGauge {
    const series = this.series(name);
    const gauge: MetricGauge = { name, unit, description, kind: 'gauge', valueType, set: (value, tags) => series.set(key(tags), value), withTags: () => gauge };
    return gauge;
  }

  withTags(): MetricMeter {
    return this;
  }
}
