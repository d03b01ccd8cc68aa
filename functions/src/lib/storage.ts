import { applicationDefault } from 'firebase-admin/app';
import { app } from './admin';

/**
 * Cloud Storage for the photos of 排查事项, through its JSON API (no client library: the server
 * only reads an object's metadata and sets custom metadata). Against the Storage emulator when
 * FIREBASE_STORAGE_EMULATOR_HOST is set (firebase-tools sets it for the functions it runs; tests
 * get it from clientEnv()), with the emulator's admin token; in production with the Admin app's
 * credential. The bucket is the project's default one (FIREBASE_CONFIG.storageBucket).
 */
export interface StoredObject {
  name: string;
  bytes: number;
  contentType: string | null;
  metadata: Record<string, string>;
}

function emulatorHost(): string | null {
  const h = process.env.FIREBASE_STORAGE_EMULATOR_HOST || process.env.STORAGE_EMULATOR_HOST;
  if (!h) return null;
  return h.startsWith('http') ? h.replace(/\/$/, '') : `http://${h}`;
}

export function bucketName(): string {
  if (process.env.FENGQIAO_STORAGE_BUCKET) return process.env.FENGQIAO_STORAGE_BUCKET;
  if (app.options.storageBucket) return app.options.storageBucket;
  try {
    const cfg = JSON.parse(process.env.FIREBASE_CONFIG ?? '{}') as { storageBucket?: string };
    if (cfg.storageBucket) return cfg.storageBucket;
  } catch {
    /* FIREBASE_CONFIG may be a file path; fall through */
  }
  const project = app.options.projectId ?? process.env.GCLOUD_PROJECT ?? process.env.GOOGLE_CLOUD_PROJECT;
  return `${project}.appspot.com`;
}

async function authHeader(): Promise<string> {
  if (emulatorHost()) return 'Bearer owner';
  const cred = app.options.credential ?? applicationDefault();
  return `Bearer ${(await cred.getAccessToken()).access_token}`;
}

function objectUrl(path: string): string {
  const emu = emulatorHost();
  const base = emu ?? 'https://storage.googleapis.com/storage/v1';
  return `${base}/b/${encodeURIComponent(bucketName())}/o/${encodeURIComponent(path)}`;
}

function toObject(body: { name: string; size?: string | number; contentType?: string; metadata?: Record<string, string> }): StoredObject {
  return { name: body.name, bytes: Number(body.size ?? 0), contentType: body.contentType ?? null, metadata: body.metadata ?? {} };
}

/** An object's metadata, or null when there is no such object. */
export async function statObject(path: string): Promise<StoredObject | null> {
  const res = await fetch(objectUrl(path), { headers: { authorization: await authHeader() } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`storage GET ${path}: HTTP ${res.status}`);
  return toObject((await res.json()) as Parameters<typeof toObject>[0]);
}

/** Sets (string) or removes (null) custom metadata keys of an object; false when it is gone. */
export async function setObjectMetadata(path: string, metadata: Record<string, string | null>): Promise<boolean> {
  const res = await fetch(objectUrl(path), {
    method: 'PATCH',
    headers: { authorization: await authHeader(), 'content-type': 'application/json' },
    body: JSON.stringify({ metadata }),
  });
  if (res.status === 404) return false;
  if (!res.ok) throw new Error(`storage PATCH ${path}: HTTP ${res.status}`);
  return true;
}
