// Chinese renders as Chinese, not as boxes (tofu): a fresh Debian machine has no CJK font until
// one is installed (.ci/run and the README install fonts-noto-cjk). Compares, in the console's
// own page and font stack, the pixels of common characters with those of a code point no font
// has (which every browser draws as the same missing-glyph box).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_URL, launch, newContext } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('CJK glyphs', () => {
  it("draws 枫桥综治中心 with real glyphs in the console's font, each different from the missing-glyph box", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${CONSOLE_URL}/#/`);
    await page.waitForLoadState('domcontentloaded');
    const result = await page.evaluate(async () => {
      const family = getComputedStyle(document.body).fontFamily;
      await document.fonts.ready;
      const draw = (ch: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 64;
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#fff';
        g.fillRect(0, 0, 64, 64);
        g.fillStyle = '#000';
        g.font = `48px ${family}`;
        g.textBaseline = 'top';
        g.fillText(ch, 4, 4);
        return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
      };
      const tofu = draw('\u{E0FFF}'); // an unassigned code point: drawn as the missing-glyph box
      const chars = Array.from('枫桥综治中心');
      const drawn = chars.map(draw);
      return { family, tofuSame: drawn.map((d) => d === tofu), distinct: new Set(drawn).size };
    });
    expect(result.tofuSame, `font-family ${result.family}`).toEqual([false, false, false, false, false, false]);
    // Six different characters, six different pictures (boxes would all be alike).
    expect(result.distinct).toBe(6);
    await ctx.close();
  });
});
