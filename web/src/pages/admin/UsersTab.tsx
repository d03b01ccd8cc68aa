/** Users and their scopes: list (live, by name, paginated) and the create/edit form (`upsertUser`). */
import {
  type Claims,
  ROLES,
  ROLE_SCOPE_LEVELS,
  ResetUserPasswordInput,
  type Role,
  UpsertUserInput,
  type UserDoc,
  anyLevelOf,
  anyRegionCode,
  chainOf,
  isAreaCode,
} from '@domain';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import type { QueryDocumentSnapshot } from 'firebase/firestore';
import { useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { useSignedIn } from '../../auth/session';
import { call, callableFieldErrors, errorMessage, loadErrorText } from '../../data/callables';
import { USERS_PAGE_SIZE } from '../../data/budget';
import {
  kindOfUnit,
  useAdminAreas,
  useDepartments,
  useEntityName,
  useRegionChildren,
  useUsersPage,
  useVillageGrids,
} from '../../data/hooks';
import { useI18n, useLabels } from '../../i18n';
import { issuesByField } from '../../i18n/zod';
import { RegionPicker, topLevel } from './common';

export default function UsersTab() {
  const { t } = useI18n();
  const l = useLabels();
  const { claims, user } = useSignedIn();
  const [cursors, setCursors] = useState<QueryDocumentSnapshot[]>([]);
  // A county administrator manages their county; a city or province administrator (no county
  // claim) picks the area: their own center, or a county or city below it (issue 16).
  const [area, setArea] = useState<string>(claims.c || claims.u);
  const page = useUsersPage(area, cursors[cursors.length - 1] ?? null);
  const [editing, setEditing] = useState<UserDoc | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserDoc | null>(null);
  const rows = page.status === 'ready' ? page.data.users.slice(0, USERS_PAGE_SIZE) : [];
  const hasNext = page.status === 'ready' && page.data.users.length > USERS_PAGE_SIZE;

  return (
    <div data-testid="admin-users">
      <div className="admin-toolbar">
        {!claims.c && (
          <AreaSelect
            claims={claims}
            value={area}
            onChange={(v) => {
              setArea(v);
              setCursors([]);
            }}
          />
        )}
        <Typography.Text type="secondary">{t('admin.users.hint')}</Typography.Text>
        <Button type="primary" onClick={() => setEditing('new')} data-testid="user-new">
          {t('admin.users.new')}
        </Button>
      </div>
      {page.status === 'error' && <Alert type="error" showIcon title={loadErrorText(page, t)} />}
      <Table<UserDoc>
        rowKey="uid"
        size="small"
        loading={page.status === 'loading'}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 760 }}
        data-testid="users-table"
        onRow={(u) => ({ 'data-testid': 'user-row', 'data-uid': u.uid }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'name',
            title: t('admin.users.name'),
            render: (_, u) => (
              <span>
                {u.displayName}
                {u.uid === user.uid && <Tag className="self-tag">{t('admin.users.self')}</Tag>}
              </span>
            ),
          },
          { key: 'email', title: t('admin.users.email'), dataIndex: 'email' },
          { key: 'role', title: t('admin.users.role'), render: (_, u) => <Tag>{l.role(u.role)}</Tag> },
          { key: 'scope', title: t('admin.users.scope'), render: (_, u) => <ScopeName id={u.scopeId} /> },
          { key: 'title', title: t('admin.users.title'), dataIndex: 'title' },
          {
            key: 'active',
            title: t('admin.users.active'),
            render: (_, u) => (u.active ? <Tag color="green">✓ {t('admin.users.enabled')}</Tag> : <Tag>✕ {t('admin.users.disabled')}</Tag>),
          },
          {
            key: 'edit',
            title: t('admin.actions'),
            render: (_, u) => (
              <span className="row-actions">
                <Button
                  size="small"
                  onClick={() => setEditing(u)}
                  data-testid="user-edit"
                  aria-label={t('admin.editLabel', { name: u.displayName })}
                >
                  {t('admin.edit')}
                </Button>
                {u.uid !== user.uid && u.role !== 'resident' && (
                  <Button
                    size="small"
                    onClick={() => setResetting(u)}
                    data-testid="user-reset-password"
                    aria-label={t('admin.users.resetPasswordLabel', { name: u.displayName })}
                  >
                    {t('admin.users.resetPassword')}
                  </Button>
                )}
              </span>
            ),
          },
        ]}
      />
      <div className="pager">
        <Button disabled={!cursors.length} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('board.prevPage')}
        </Button>
        <span className="pager-label">{t('board.pageN', { n: cursors.length + 1, size: USERS_PAGE_SIZE })}</span>
        <Button
          disabled={!hasNext}
          onClick={() => page.status === 'ready' && setCursors((c) => [...c, page.data.snaps[USERS_PAGE_SIZE - 1]!])}
        >
          {t('board.nextPage')}
        </Button>
      </div>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.users.new') : t('admin.users.edit')}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        width={600}
      >
        {editing !== null && <UserForm area={area} existing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal
        open={resetting !== null}
        title={resetting ? t('admin.users.resetPasswordTitle', { name: resetting.displayName }) : ''}
        footer={null}
        onCancel={() => setResetting(null)}
        destroyOnHidden
        width={480}
      >
        {resetting && <ResetPasswordForm user={resetting} onDone={() => setResetting(null)} />}
      </Modal>
    </div>
  );
}

function ScopeName({ id }: { id: string }) {
  const { t } = useI18n();
  const name = useEntityName(kindOfUnit(id), id);
  return <span data-scope={id}>{name === undefined ? '…' : (name ?? t('staff.unknownUnit'))}</span>;
}

/** A temporary password people can read out and type: no 0/O, 1/l/I. */
function temporaryPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const pick = (set: string, n: number) => Array.from(crypto.getRandomValues(new Uint32Array(n)), (x) => set[x % set.length]).join('');
  return `${pick(letters, 6)}${pick(digits, 4)}`;
}

/** An administrator sets a temporary password for a staff member who forgot theirs (`resetUserPassword`). */
function ResetPasswordForm({ user, onDone }: { user: UserDoc; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [password, setPassword] = useState(temporaryPassword);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async () => {
    if (busy) return;
    const parsed = ResetUserPasswordInput.safeParse({ uid: user.uid, password });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? t('form.fixErrors'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('resetUserPassword', parsed.data);
      message.success(t('admin.users.passwordReset', { name: user.displayName }));
      setDone(true);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <div data-testid="reset-password-done">
        <Alert
          type="success"
          showIcon
          title={t('admin.users.passwordResetDone', { name: user.displayName })}
          description={
            <span>
              {t('admin.users.temporaryPassword')}
              {t('fmt.colon')}
              <Typography.Text code copyable data-testid="reset-password-value">
                {password}
              </Typography.Text>
            </span>
          }
        />
        <div className="form-buttons">
          <Button type="primary" onClick={onDone} data-testid="reset-password-close">
            {t('admin.users.close')}
          </Button>
        </div>
      </div>
    );
  return (
    <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="reset-password-form">
      <Typography.Paragraph type="secondary">{t('admin.users.resetPasswordHint')}</Typography.Paragraph>
      <Form.Item
        label={t('admin.users.temporaryPassword')}
        required
        htmlFor="reset-password"
        {...(error ? { validateStatus: 'error' as const, help: error } : {})}
      >
        <Input
          id="reset-password"
          data-testid="reset-password-input"
          value={password}
          autoComplete="off"
          maxLength={64}
          onChange={(e) => setPassword(e.target.value)}
          addonAfter={
            <Button type="link" size="small" onClick={() => setPassword(temporaryPassword())} data-testid="reset-password-generate">
              {t('admin.users.generatePassword')}
            </Button>
          }
        />
      </Form.Item>
      <div className="form-buttons">
        <Button onClick={onDone}>{t('form.cancel')}</Button>
        <Button type="primary" danger htmlType="submit" loading={busy} data-testid="reset-password-submit">
          {t('admin.users.resetPasswordSubmit')}
        </Button>
      </div>
    </Form>
  );
}

type Draft = {
  uid?: string;
  email: string;
  password: string;
  displayName: string;
  phone: string;
  title: string;
  role: Role;
  scopeId: string;
  active: boolean;
};

/** The areas a city or province administrator manages, by name (own center first). */
function AreaSelect({ claims, value, onChange }: { claims: Claims; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const own = useEntityName('region', claims.u);
  const areas = useAdminAreas(claims);
  const options = [
    { value: claims.u, label: own ?? '…' },
    ...(areas?.status === 'ready' ? areas.data.map((a) => ({ value: a.id, label: a.name })) : []),
  ];
  return (
    <Select<string>
      data-testid="user-area"
      aria-label={t('users.scope.area')}
      value={value}
      onChange={onChange}
      options={options}
      loading={areas?.status === 'loading'}
      showSearch={{ optionFilterProp: 'label' }}
      virtual={false}
      style={{ minWidth: 180 }}
    />
  );
}

function UserForm({ area, existing, onDone }: { area: string; existing: UserDoc | null; onDone: () => void }) {
  // The county whose places the scope pickers list: the administrator's own, or the county
  // a city or province administrator picked; a city or province area has no places below it here.
  const countyId = isAreaCode(area) ? '' : area;
  const { t, locale } = useI18n();
  const l = useLabels();
  const { message } = AntApp.useApp();
  const [d, setD] = useState<Draft>(() =>
    existing
      ? {
          uid: existing.uid,
          email: existing.email ?? '',
          password: '',
          displayName: existing.displayName,
          phone: existing.phone ?? '',
          title: existing.title ?? '',
          role: existing.role,
          scopeId: existing.scopeId,
          active: existing.active,
        }
      : isAreaCode(area)
        ? {
            email: '',
            password: '',
            displayName: '',
            phone: '',
            title: '',
            role: area.length === 4 ? 'city_staff' : 'province_staff',
            scopeId: area,
            active: true,
          }
        : { email: '', password: '', displayName: '', phone: '', title: '', role: 'village_staff', scopeId: '', active: true },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const set = (patch: Partial<Draft>, clear: string[]) => {
    setD((x) => ({ ...x, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))));
  };

  const submit = async () => {
    if (inFlight.current) return;
    const payload: z.input<typeof UpsertUserInput> = {
      ...(d.uid ? { uid: d.uid } : {}),
      email: d.email.trim(),
      ...(d.password ? { password: d.password } : {}),
      displayName: d.displayName,
      phone: d.phone.trim() || null,
      title: d.title.trim() || null,
      role: d.role,
      scopeId: d.scopeId,
      active: d.active,
    };
    const parsed = UpsertUserInput.safeParse(payload);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, locale));
      setSubmitError(t('form.fixErrors'));
      return;
    }
    const levels = ROLE_SCOPE_LEVELS[d.role];
    const scopeOk = anyRegionCode.safeParse(d.scopeId).success
      ? (levels as readonly string[]).includes(anyLevelOf(d.scopeId))
      : levels.includes('department');
    if (!scopeOk) {
      setErrors({ scopeId: t('admin.users.scopeLevel', { role: l.role(d.role) }) });
      setSubmitError(t('form.fixErrors'));
      return;
    }
    if (!existing && !d.password) {
      setErrors({ password: t('admin.users.passwordRequired') });
      setSubmitError(t('form.fixErrors'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setSubmitError(null);
    try {
      await call('upsertUser', parsed.data);
      message.success(t('admin.saved'));
      onDone();
    } catch (e) {
      setErrors(topLevel(callableFieldErrors(e)));
      setSubmitError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});
  return (
    <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="user-form">
      <div className="form-grid-2">
        <Form.Item label={t('admin.users.name')} required htmlFor="user-name" {...err('displayName')}>
          <Input
            id="user-name"
            data-testid="user-name"
            value={d.displayName}
            maxLength={40}
            onChange={(e) => set({ displayName: e.target.value }, ['displayName'])}
          />
        </Form.Item>
        <Form.Item label={t('admin.users.email')} required htmlFor="user-email" {...err('email')}>
          <Input
            id="user-email"
            data-testid="user-email"
            type="email"
            value={d.email}
            onChange={(e) => set({ email: e.target.value }, ['email'])}
          />
        </Form.Item>
        <Form.Item
          label={existing ? t('admin.users.newPassword') : t('admin.users.password')}
          required={!existing}
          htmlFor="user-password"
          {...err('password')}
        >
          <Input.Password
            id="user-password"
            data-testid="user-password"
            value={d.password}
            autoComplete="new-password"
            onChange={(e) => set({ password: e.target.value }, ['password'])}
          />
        </Form.Item>
        <Form.Item label={t('admin.users.phone')} htmlFor="user-phone" {...err('phone')}>
          <Input
            id="user-phone"
            data-testid="user-phone"
            type="tel"
            value={d.phone}
            maxLength={11}
            onChange={(e) => set({ phone: e.target.value }, ['phone'])}
          />
        </Form.Item>
        <Form.Item label={t('admin.users.title')} htmlFor="user-title" {...err('title')}>
          <Input id="user-title" value={d.title} maxLength={40} onChange={(e) => set({ title: e.target.value }, ['title'])} />
        </Form.Item>
        <Form.Item label={t('admin.users.role')} required htmlFor="user-role" {...err('role')}>
          <Select<Role>
            id="user-role"
            data-testid="user-role"
            value={d.role}
            onChange={(role) => set({ role, scopeId: defaultScope(role, area) }, ['role', 'scopeId'])}
            options={ROLES.filter((r) => roleFitsArea(r, area)).map((r) => ({ value: r, label: l.role(r) }))}
            virtual={false}
          />
        </Form.Item>
      </div>
      <Form.Item label={t('admin.users.scope')} required {...err('scopeId')}>
        {isAreaCode(area) ? (
          <AreaScope areaId={area} />
        ) : (
          <ScopePicker countyId={countyId} role={d.role} value={d.scopeId} onChange={(scopeId) => set({ scopeId }, ['scopeId'])} />
        )}
      </Form.Item>
      <Form.Item label={t('admin.users.active')}>
        <Switch
          checked={d.active}
          onChange={(active) => set({ active }, ['active'])}
          checkedChildren={t('admin.users.enabled')}
          unCheckedChildren={t('admin.users.disabled')}
        />
      </Form.Item>
      {submitError && <Alert type="error" showIcon title={submitError} role="alert" className="submit-error" data-testid="user-error" />}
      <div className="form-buttons">
        <Button onClick={onDone}>{t('form.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="user-save">
          {t('admin.save')}
        </Button>
      </div>
    </Form>
  );
}

/** A scope for a role: a department, or a region at one of the levels the role allows. */
function ScopePicker({ countyId, role, value, onChange }: { countyId: string; role: Role; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const levels = ROLE_SCOPE_LEVELS[role];
  const departments = useDepartments(countyId);
  const chain = useMemo(() => {
    try {
      return /^\d+$/.test(value) ? chainOf(value) : null;
    } catch {
      return null;
    }
  }, [value]);
  const wantsTown = levels.some((x) => x === 'town' || x === 'village' || x === 'grid');
  const wantsVillage = levels.some((x) => x === 'village' || x === 'grid');
  const wantsGrid = levels.includes('grid');
  const towns = useRegionChildren(countyId, wantsTown ? countyId : null);
  const villages = useRegionChildren(countyId, wantsVillage ? chain?.townId : null);
  const grids = useVillageGrids(countyId, wantsGrid ? chain?.villageId : null);

  if (levels.includes('department')) {
    return (
      <Select<string>
        data-testid="user-scope-department"
        value={value || undefined}
        placeholder={t('admin.users.pickDepartment')}
        onChange={onChange}
        options={departments?.status === 'ready' ? departments.data.map((x) => ({ value: x.id, label: x.name })) : []}
        loading={departments?.status === 'loading'}
        showSearch={{ optionFilterProp: 'label' }}
        virtual={false}
      />
    );
  }
  if (!wantsTown) return <CountyScope countyId={countyId} />;
  // The deepest level chosen is the scope; clearing a level falls back to the one above when allowed.
  const fallback = (above: string) =>
    levels.includes(above.length === 6 ? 'county' : above.length === 9 ? 'town' : 'village') ? above : '';
  return (
    <div className="place-grid">
      <RegionPicker
        testId="user-scope-town"
        list={towns}
        value={chain?.townId}
        allowClear={levels.includes('county')}
        placeholder={t('report.selectTown')}
        onChange={(v) => onChange(v ?? fallback(countyId))}
      />
      {wantsVillage && (
        <RegionPicker
          testId="user-scope-village"
          list={villages}
          value={chain?.villageId}
          allowClear={levels.includes('town')}
          placeholder={t('report.selectVillage')}
          onChange={(v) => onChange(v ?? (chain?.townId ? fallback(chain.townId) : ''))}
        />
      )}
      {wantsGrid && (
        <RegionPicker
          testId="user-scope-grid"
          list={grids}
          value={chain?.gridId}
          placeholder={t('report.selectGrid')}
          onChange={(v) => onChange(v ?? '')}
        />
      )}
    </div>
  );
}

/** Roles that can be given in an area: a city or province only its centers' roles; a county the rest. */
function roleFitsArea(role: Role, area: string): boolean {
  const levels = ROLE_SCOPE_LEVELS[role] as readonly string[];
  if (isAreaCode(area)) return levels.includes(anyLevelOf(area));
  return levels.some((x) => x !== 'city' && x !== 'province');
}

/** The scope a role starts with: the area itself when the role sits there, else none yet. */
function defaultScope(role: Role, area: string): string {
  const levels = ROLE_SCOPE_LEVELS[role] as readonly string[];
  if (isAreaCode(area)) return levels.includes(anyLevelOf(area)) ? area : '';
  return levels.includes('county') ? area : '';
}

/** A city or province scope, by name (people never see the code). */
function AreaScope({ areaId }: { areaId: string }) {
  const name = useEntityName('region', areaId);
  return <Input readOnly data-testid="user-scope-area" value={name ?? '…'} />;
}

function CountyScope({ countyId }: { countyId: string }) {
  const { t } = useI18n();
  const name = useEntityName('region', countyId);
  return <Input readOnly value={t('admin.users.countyScopeName', { name: name ?? '…' })} />;
}
