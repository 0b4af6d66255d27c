import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyText, type Classification, type Sentiment } from './index';
import { librarySentiment } from './sentiment.analyzer';

/**
 * Measures classification on the labelled set test/fixtures/classification/labelled.json: short social texts
 * written and labelled by hand before any tuning, split alternately into "dev" (looked at while tuning) and
 * "test" (only measured). Floors are asserted on the test split, a few points under the measured values, so a
 * change that makes the classifier worse fails here. Set CLASSIFY_ACCURACY_REPORT=/some/file.json to keep the
 * full numbers.
 */

interface Labelled {
  text: string;
  language: string | null;
  sentiment: Sentiment;
  split: 'dev' | 'test';
}

interface Scored extends Labelled {
  predicted: Classification;
  library: Sentiment;
}

interface Ratio {
  correct: number;
  total: number;
  accuracy: number;
}

type Matrix = Record<Sentiment, Record<Sentiment, number>>;

const SENTIMENTS: Sentiment[] = ['negative', 'neutral', 'positive'];
const GROUPS = ['all', 'it+en', 'it', 'en', 'es', 'fr', 'de', 'pt', 'nl', 'none'] as const;
type Group = (typeof GROUPS)[number];
const SPLITS = ['test', 'dev', 'all'] as const;
type Split = (typeof SPLITS)[number];

const FIXTURE = join(__dirname, '../../../../test/fixtures/classification/labelled.json');

function inGroup(item: Labelled, group: Group): boolean {
  if (group === 'all') return true;
  if (group === 'it+en') return item.language === 'it' || item.language === 'en';
  if (group === 'none') return item.language === null;
  return item.language === group;
}

function ratio<T>(items: T[], ok: (item: T) => boolean): Ratio {
  const correct = items.filter(ok).length;
  const accuracy = items.length ? Math.round((correct / items.length) * 1000) / 1000 : NaN;
  return { correct, total: items.length, accuracy };
}

function sum(parts: Ratio[]): Ratio {
  const correct = parts.reduce((a, p) => a + p.correct, 0);
  const total = parts.reduce((a, p) => a + p.total, 0);
  return { correct, total, accuracy: correct / total };
}

function confusion(items: Scored[]): Matrix {
  const m = Object.fromEntries(
    SENTIMENTS.map((gold) => [gold, Object.fromEntries(SENTIMENTS.map((p) => [p, 0]))]),
  ) as Matrix;
  for (const item of items) m[item.sentiment][item.predicted.sentiment] += 1;
  return m;
}

function pct(r: Ratio | undefined): string {
  return r && r.total ? `${(r.accuracy * 100).toFixed(1)}% (${r.correct}/${r.total})` : '-';
}

describe('classification accuracy on the labelled set', () => {
  const labelled = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Labelled[];
  let scored: Scored[];
  const bySplit = (split: Split): Scored[] => (split === 'all' ? scored : scored.filter((x) => x.split === split));
  const pick = (split: Split, group: Group): Scored[] => bySplit(split).filter((x) => inGroup(x, group));
  const languageAccuracy = (split: Split, group: Group): Ratio =>
    ratio(pick(split, group), (x) => x.predicted.language === x.language);
  const sentimentAccuracy = (split: Split, group: Group): Ratio =>
    ratio(pick(split, group), (x) => x.predicted.sentiment === x.sentiment);
  const neutralBaseline = (split: Split, group: Group): Ratio =>
    ratio(pick(split, group), (x) => x.sentiment === 'neutral');
  const libraryBaseline = (split: Split, group: Group): Ratio =>
    ratio(pick(split, group), (x) => x.library === x.sentiment);
  const perGroup = (measure: (split: Split, group: Group) => Ratio) =>
    Object.fromEntries(SPLITS.map((s) => [s, Object.fromEntries(GROUPS.map((g) => [g, measure(s, g)]))]));
  let microsPerText: number;

  beforeAll(async () => {
    classifyText('warm up: carica i dizionari una volta'); // the first call loads profiles and dictionaries
    const started = process.hrtime.bigint();
    const predictions = labelled.map((item) => classifyText(item.text));
    microsPerText = Number(process.hrtime.bigint() - started) / 1000 / labelled.length;
    scored = [];
    for (const [i, item] of labelled.entries()) {
      // The library baseline reads the language we detected, as it would in production.
      const library = await librarySentiment(item.text, predictions[i].language);
      scored.push({ ...item, predicted: predictions[i], library });
    }

    const report = {
      items: { total: labelled.length, dev: bySplit('dev').length, test: bySplit('test').length },
      microsPerText: Math.round(microsPerText),
      language: perGroup(languageAccuracy),
      sentiment: perGroup(sentimentAccuracy),
      baselines: { alwaysNeutral: perGroup(neutralBaseline), libraryOnly: perGroup(libraryBaseline) },
      confusion: Object.fromEntries(
        SPLITS.map((s) => [s, { 'it+en': confusion(pick(s, 'it+en')), all: confusion(pick(s, 'all')) }]),
      ),
      testErrors: pick('test', 'all')
        .filter((x) => x.predicted.sentiment !== x.sentiment || x.predicted.language !== x.language)
        .map((x) => {
          const languages = `${x.language ?? '-'}→${x.predicted.language ?? '-'}`;
          return `${languages} ${x.sentiment}→${x.predicted.sentiment} ${x.text}`;
        }),
    };
    if (process.env.CLASSIFY_ACCURACY_REPORT) {
      writeFileSync(process.env.CLASSIFY_ACCURACY_REPORT, `${JSON.stringify(report, null, 2)}\n`);
    }

    const lines = [`classification accuracy (${labelled.length} texts, ${report.microsPerText} µs/text)`];
    const row = (label: string, cells: string[]) =>
      lines.push(label.padEnd(22) + cells.map((c) => c.padEnd(20)).join(''));
    const main: Group[] = ['all', 'it+en', 'it', 'en'];
    const others: Group[] = ['es', 'fr', 'de'];
    row('', [...main, 'es+fr+de', 'emoji-only']);
    for (const s of SPLITS) {
      const full = (measure: (split: Split, group: Group) => Ratio) => [
        ...main.map((g) => pct(measure(s, g))),
        pct(sum(others.map((g) => measure(s, g)))),
        pct(measure(s, 'none')),
      ];
      row(`${s} language`, full(languageAccuracy));
      row(`${s} sentiment`, full(sentimentAccuracy));
      row(`${s} always-neutral`, main.map((g) => pct(neutralBaseline(s, g))));
      row(`${s} library only`, main.map((g) => pct(libraryBaseline(s, g))));
    }
    for (const s of ['test', 'dev'] as const) {
      const m = confusion(pick(s, 'it+en'));
      lines.push(`${s} it+en confusion (rows gold, columns predicted: neg neu pos)`);
      for (const gold of SENTIMENTS) {
        lines.push(`  ${gold.padEnd(9)} ${SENTIMENTS.map((p) => String(m[gold][p]).padStart(4)).join('')}`);
      }
    }
    lines.push('test errors:', ...report.testErrors.map((e) => `  ${e}`));
    console.log(lines.join('\n'));
  });

  it('has the labelled set the issue asks for', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(240);
    const count = (language: string) => labelled.filter((x) => x.language === language).length;
    expect(count('it')).toBeGreaterThanOrEqual(110);
    expect(count('en')).toBeGreaterThanOrEqual(110);
    for (const language of ['es', 'fr', 'de']) expect(count(language)).toBeGreaterThanOrEqual(10);
    for (const item of labelled) {
      expect(SENTIMENTS).toContain(item.sentiment);
      expect(['dev', 'test']).toContain(item.split);
    }
    expect(Math.abs(bySplit('dev').length - bySplit('test').length)).toBeLessThanOrEqual(1);
    expect(new Set(labelled.map((x) => x.text)).size).toBe(labelled.length);
  });

  // Floors a few points under what was measured on the test split (see the README's table).
  it('tells the language of test texts', () => {
    expect(languageAccuracy('test', 'all').accuracy).toBeGreaterThanOrEqual(0.95);
    expect(languageAccuracy('test', 'it').accuracy).toBeGreaterThanOrEqual(0.95);
    expect(languageAccuracy('test', 'en').accuracy).toBeGreaterThanOrEqual(0.95);
    expect(languageAccuracy('test', 'none').accuracy).toBe(1);
  });

  it('tells the sentiment of Italian and English test texts', () => {
    expect(sentimentAccuracy('test', 'it+en').accuracy).toBeGreaterThanOrEqual(0.84);
    expect(sentimentAccuracy('test', 'it').accuracy).toBeGreaterThanOrEqual(0.8);
    expect(sentimentAccuracy('test', 'en').accuracy).toBeGreaterThanOrEqual(0.83);
    expect(sentimentAccuracy('test', 'all').accuracy).toBeGreaterThanOrEqual(0.81);
    expect(sentimentAccuracy('test', 'none').accuracy).toBe(1);
  });

  it('never reads a negative test text as positive or the reverse more than a few times', () => {
    const m = confusion(pick('test', 'all'));
    expect(m.negative.positive + m.positive.negative).toBeLessThanOrEqual(4);
  });

  it('beats the baselines clearly', () => {
    const ours = sentimentAccuracy('test', 'it+en').accuracy;
    expect(ours - neutralBaseline('test', 'it+en').accuracy).toBeGreaterThanOrEqual(0.4);
    expect(ours - libraryBaseline('test', 'it+en').accuracy).toBeGreaterThanOrEqual(0.3);
    // The library alone has a dictionary for each language (lang-it's pattern, lang-en's senticon).
    const gain = (language: Group) =>
      sentimentAccuracy('test', language).accuracy - libraryBaseline('test', language).accuracy;
    expect(gain('it')).toBeGreaterThanOrEqual(0.2);
    expect(gain('en')).toBeGreaterThanOrEqual(0.4);
  });

  it('classifies a text in well under a millisecond once warm', () => {
    // Measured at 0.2-0.4 ms under Jest (0.1 ms in plain Node); the bound leaves room for a loaded CI machine.
    expect(microsPerText).toBeLessThan(2000);
  });
});
