/**
 * Photos and location on patrol items (issue 14): the picker of the item form (compressing each
 * photo to ≤ 300 KB as it is picked), the optional location line, the thumbnails of an item or
 * hazard (tap to enlarge; read straight from Cloud Storage, which lets only those who read the
 * item), and the evidence uploader of a hazard's 整改/复核 steps.
 */
import { type PatrolItemDoc, PHOTOS_PER_STAGE, type PhotoStage } from '@domain';
import { Alert, App as AntApp, Button, Image, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../data/callables';
import { bindItemPhotos, compressPhoto, currentLocation, newPhotoRequestId, queueItemPhotos } from '../../data/item-photos';
import { fbCore, initStorage, loadStorageSdk } from '../../firebase';
import { type MessageKey, useI18n } from '../../i18n';

/** Picks up to 6 photos, compressed as they are picked; `value` holds the JPEG blobs. */
export function PhotoPicker({ value, onChange, disabled }: { value: Blob[]; onChange: (b: Blob[]) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const u = value.map((b) => URL.createObjectURL(b));
    setUrls(u);
    return () => {
      for (const x of u) URL.revokeObjectURL(x);
    };
  }, [value]);
  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(null);
    const room = PHOTOS_PER_STAGE - value.length;
    if (files.length > room) setError(t('photo.tooMany'));
    setBusy(true);
    const out: Blob[] = [];
    try {
      for (const f of [...files].slice(0, Math.max(0, room))) out.push(await compressPhoto(f));
    } catch {
      setError(t('photo.failed'));
    } finally {
      setBusy(false);
      if (out.length) onChange([...value, ...out]);
    }
  };
  return (
    <div className="photo-picker" data-testid="photo-picker" data-count={value.length} data-busy={busy ? '1' : '0'}>
      <Space wrap size={6}>
        {urls.map((u, i) => (
          <span key={u} className="photo-thumb">
            <img src={u} alt="" width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4 }} data-bytes={value[i]?.size} />
            <Button
              size="small"
              type="text"
              aria-label={t('photo.remove')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              disabled={disabled}
            >
              ×
            </Button>
          </span>
        ))}
      </Space>
      {value.length < PHOTOS_PER_STAGE && (
        <label className="ant-btn ant-btn-default photo-add" style={{ display: 'inline-flex', alignItems: 'center', marginTop: 6 }}>
          {busy ? t('photo.compressing') : t('photo.add')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            hidden
            disabled={disabled || busy}
            onChange={(e) => {
              void pick(e.target.files);
              e.target.value = '';
            }}
            data-testid="photo-input"
          />
        </label>
      )}
      {value.length > 0 && <Typography.Text type="secondary">{t('photo.count', { n: value.length })}</Typography.Text>}
      {error && <Alert type="warning" showIcon title={error} />}
    </div>
  );
}

export type LocationValue = { lat: number; lng: number; accuracy: number } | null;

/** The optional location: asked once when the form opens, again on tap; never blocks the form. */
export function LocationLine({ value, onChange }: { value: LocationValue; onChange: (v: LocationValue) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const locate = async () => {
    setBusy(true);
    onChange(await currentLocation());
    setBusy(false);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the form opens
  useEffect(() => {
    void locate();
  }, []);
  return (
    <Space wrap size={6} data-testid="item-location" data-located={value ? '1' : '0'}>
      <Typography.Text type="secondary">
        {busy ? t('location.getting') : value ? t('location.got', { m: value.accuracy }) : t('location.none')}
      </Typography.Text>
      {value ? (
        <Button size="small" onClick={() => onChange(null)}>
          {t('location.clear')}
        </Button>
      ) : (
        <Button size="small" onClick={() => void locate()} loading={busy}>
          {t('location.get')}
        </Button>
      )}
    </Space>
  );
}

function StoragePhoto({ path }: { path: string }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    void (async () => {
      try {
        const storage = await initStorage();
        if (!storage) throw new Error('no storage');
        const { getBlob, ref } = await loadStorageSdk();
        const blob = await getBlob(ref(storage, path));
        made = URL.createObjectURL(blob);
        if (live) setUrl(made);
      } catch {
        if (live) setFailed(true);
      }
    })();
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [path]);
  if (failed)
    return (
      <Typography.Text type="secondary" data-testid="item-photo-failed">
        {t('photo.loadFailed')}
      </Typography.Text>
    );
  if (!url) return <span className="photo-thumb photo-loading" style={{ display: 'inline-block', width: 64, height: 64 }} />;
  return (
    <span data-testid="item-photo">
      <Image src={url} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4 }} />
    </span>
  );
}

/** The photos of an item or hazard, by stage: thumbnails, tap to enlarge. */
export function ItemPhotoStrip({ item }: { item: Pick<PatrolItemDoc, 'photos'> }) {
  const { t } = useI18n();
  const photos = item.photos ?? [];
  if (!photos.length) return null;
  const stages = [...new Set(photos.map((p) => p.stage))];
  return (
    <div className="item-photos" data-testid="item-photos" data-count={photos.length}>
      {stages.map((s) => (
        <div key={s}>
          <Typography.Text type="secondary">{t(`photo.stage.${s}` as MessageKey)}：</Typography.Text>
          <Image.PreviewGroup>
            <Space wrap size={6}>
              {photos
                .filter((p) => p.stage === s)
                .map((p) => (
                  <StoragePhoto key={p.id} path={p.path} />
                ))}
            </Space>
          </Image.PreviewGroup>
        </div>
      ))}
    </div>
  );
}

/** A hazard's 整改 or 复核 photos: queued on the phone, then uploaded and recorded. */
export function EvidencePhotos({ item, stage }: { item: PatrolItemDoc; stage: PhotoStage }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [blobs, setBlobs] = useState<Blob[]>([]);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const uid = fbCore().auth.currentUser?.uid;
    if (!uid || !blobs.length) return;
    setBusy(true);
    try {
      const requestId = newPhotoRequestId();
      await queueItemPhotos(uid, requestId, blobs, { gridId: item.gridId, kind: item.kind, stage, itemId: item.id });
      await bindItemPhotos(uid, requestId, item.id);
      setBlobs([]);
      message.success(t('photo.evidenceSent'));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="evidence-photos" data-testid={`evidence-${stage}`}>
      <PhotoPicker value={blobs} onChange={setBlobs} disabled={busy} />
      {blobs.length > 0 && (
        <Button size="small" onClick={() => void send()} loading={busy} data-testid={`evidence-send-${stage}`}>
          {t('photo.evidence')}
        </Button>
      )}
    </div>
  );
}
