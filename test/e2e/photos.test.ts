// Photos and location on a 390 px phone (issue 14): a grid worker without signal records a hazard
// with two photos larger than 300 KB (compressed in the browser) and the phone's location; the
// item waits in the outbox and its photos in IndexedDB; when the signal returns there is exactly
// one item, with exactly two photos in Cloud Storage, each at most 300 KB, and the hazard desk
// shows them as thumbnails that open large when tapped. The first fetch of the Storage SDK fails
// (weak signal), and the photos still go.
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIdFor } from '../../functions/src/lib/ids';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { PROJECT_ID, adminAuth, adminDb, closeAdmin } from '../helpers/emulator';
import { launch, signIn } from './browser';
import { stamp } from './console';

const G = '621126100001001';
const LIMIT = 300 * 1024;
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

/** A PNG of noise (it does not compress: far over 300 KB). */
function noisePng(width: number, height: number, seed: number): Buffer {
  const png = new PNG({ width, height });
  let x = seed;
  for (let i = 0; i < png.data.length; i += 4) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    png.data[i] = x & 0xff;
    png.data[i + 1] = (x >> 8) & 0xff;
    png.data[i + 2] = ((i / 4) % width) & 0xff;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** Size and content type of an object in the Storage emulator (its admin token). */
async function stat(path: string): Promise<{ size: number; contentType: string } | null> {
  const host = process.env.FIREBASE_STORAGE_EMULATOR_HOST!;
  const res = await fetch(`http://${host}/storage/v1/b/${PROJECT_ID}.appspot.com/o/${encodeURIComponent(path)}`, {
    headers: { authorization: 'Bearer owner' },
  });
  if (res.status === 404) return null;
  const body = (await res.json()) as { size: string; contentType: string };
  return { size: Number(body.size), contentType: body.contentType };
}

describe('a grid worker records a hazard with photos offline', () => {
  it('arrives once with its 2 photos (each ≤ 300 KB) and location when the signal returns; thumbnails open large', async () => {
    const big = [noisePng(1500, 1000, 7), noisePng(2000, 1500, 11)];
    expect(big.every((b) => b.length > LIMIT)).toBe(true);
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      permissions: ['geolocation'],
      geolocation: { latitude: 34.4356, longitude: 104.0338, accuracy: 15 },
    });
    const page = await signIn(ctx, 'grid');
    // Weak signal: the first fetch of the Storage SDK's chunk fails. The browser remembers a failed
    // module, so the photos arrive only if the console loads it again under a fresh URL.
    const storageChunk: string[] = [];
    await page.route(/\/assets\/storage-[^/]*\.js/, (route) => {
      storageChunk.push(route.request().url());
      return storageChunk.length === 1 ? route.abort('internetdisconnected') : route.continue();
    });
    // The page's warnings and errors (the photo queue logs why a round stopped): shown if the photos never arrive.
    const consoleLines: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') consoleLines.push(`${m.type()}: ${m.text()}`);
    });
    await page.getByTestId('nav-patrol').click();
    const form = page.getByTestId('item-form');
    await form.waitFor();

    await ctx.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const requestId = (await form.getAttribute('data-request-id'))!;
    const title = `桥头护栏断裂${stamp()}`;
    await page.getByTestId('item-kind').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '安全隐患' }).click();
    await page.getByTestId('item-title').fill(title);
    await page.locator('#item-description').fill('护栏断了两米，夜里有人摔倒的风险');
    await page
      .getByTestId('item-form')
      .getByTestId('photo-input')
      .setInputFiles([
        { name: 'a.png', mimeType: 'image/png', buffer: big[0]! },
        { name: 'b.png', mimeType: 'image/png', buffer: big[1]! },
      ]);
    await page.locator('[data-testid=photo-picker][data-count="2"][data-busy="0"]').waitFor({ timeout: 60_000 });
    // Compressed in the browser, before anything is sent.
    const sizes = await page
      .locator('[data-testid=photo-picker] img')
      .evaluateAll((imgs) => imgs.map((i) => Number(i.getAttribute('data-bytes'))));
    expect(sizes).toHaveLength(2);
    expect(sizes.every((s) => s > 0 && s <= 300 * 1024)).toBe(true);
    await page.locator('[data-testid=item-location][data-located="1"]').waitFor();
    await page.getByTestId('item-submit').click();
    // Queued — or the form's error, said at once.
    await page.locator('[data-testid=outbox-badge][data-count="1"], [data-testid=item-error]').first().waitFor();
    expect(await page.getByTestId('item-error').allTextContents()).toEqual([]);

    const uid = (await adminAuth().getUserByEmail(DEMO_ACCOUNTS.find((a) => a.key === 'grid')!.email)).uid;
    const itemId = caseIdFor(G.slice(0, 6), `item:${uid}`, requestId);
    expect((await adminDb().doc(`patrolItems/${itemId}`).get()).exists).toBe(false);
    const photoPath = (i: number) => `items/${G}/hazard/${itemId}/${requestId}-${i}.jpg`;
    expect(await stat(photoPath(0))).toBeNull();

    // Signal again: the item, then its photos.
    await ctx.setOffline(false);
    await page.getByTestId('outbox-badge').waitFor({ state: 'detached', timeout: 60_000 });
    try {
      await expect
        .poll(async () => ((await adminDb().doc(`patrolItems/${itemId}`).get()).get('photos') as unknown[] | undefined)?.length ?? 0, {
          timeout: 60_000,
        })
        .toBe(2);
    } catch (e) {
      throw new Error(`${(e as Error).message}\nthe page said:\n${consoleLines.slice(-20).join('\n')}`);
    }

    expect(storageChunk.length).toBeGreaterThanOrEqual(2); // the failed fetch, then a fresh one
    expect(new Set(storageChunk).size).toBe(storageChunk.length);
    const items = await adminDb().collection('patrolItems').where('gridId', '==', G).where('title', '==', title).get();
    expect(items.size).toBe(1);
    const item = items.docs[0]!.data();
    expect(item.location).toEqual({ lat: 34.4356, lng: 104.0338, accuracy: 15 });
    const photos = item.photos as { id: string; path: string; bytes: number; stage: string }[];
    expect(photos.map((p) => p.id)).toEqual([`${requestId}-0`, `${requestId}-1`]);
    for (const [i, p] of photos.entries()) {
      expect(p.path).toBe(photoPath(i));
      expect(p.stage).toBe('report');
      const o = await stat(p.path);
      expect(o?.contentType).toBe('image/jpeg');
      expect(o!.size).toBe(p.bytes);
      expect(o!.size).toBeLessThanOrEqual(LIMIT);
    }
    // Nothing else was uploaded under the item.
    expect(await stat(photoPath(2))).toBeNull();

    // The hazard desk shows the two thumbnails; a tap opens the photo large.
    const row = page.locator('[data-testid=hazard-row]', { hasText: title });
    await row.locator('[data-testid=item-photos][data-count="2"]').waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => ((await row.getByTestId('item-photo-failed').count()) ? -1 : row.locator('[data-testid=item-photo] img').count()), {
        timeout: 30_000,
      })
      .toBe(2);
    await row.locator('[data-testid=item-photo] img').first().click();
    await page.locator('.ant-image-preview-img, .ant-image-preview img').first().waitFor();
    await ctx.close();
  });
});
