/** Tags for a case's class/colour, state, tier and flags. Colour is never the only signal: every tag has text. */
import { type CaseClass, type CaseFlags, type CaseState, COLOUR_OF, type Tier } from '@domain';
import { Tag } from 'antd';
import { useI18n, useLabels } from '../i18n';

const STATE_COLOUR: Record<CaseState, string> = {
  reported: 'gold',
  accepted: 'cyan',
  in_progress: 'geekblue',
  suspended: 'purple',
  resolved: 'green',
  closed: 'default',
  not_accepted: 'default',
  duplicate: 'default',
};

type TestId = { 'data-testid'?: string };

/** 一般/复杂/疑难 with its colour (blue/orange/red). */
export function ClassTag({ value, ...rest }: { value: CaseClass } & TestId) {
  const { t } = useI18n();
  const l = useLabels();
  const colour = COLOUR_OF[value];
  return (
    <Tag
      color={colour}
      data-class={value}
      data-colour={colour}
      title={t('fmt.classColour', { cls: l.caseClass(value), colour: l.colour(colour) })}
      {...rest}
    >
      <span className={`dot dot-${colour}`} aria-hidden="true" />
      {l.caseClass(value)}
    </Tag>
  );
}

export function StateTag({ value, ...rest }: { value: CaseState } & TestId) {
  const l = useLabels();
  return (
    <Tag color={STATE_COLOUR[value]} data-state={value} {...rest}>
      {l.state(value)}
    </Tag>
  );
}

export function TierTag({ value, ...rest }: { value: Tier } & TestId) {
  const l = useLabels();
  return (
    <Tag variant="outlined" data-tier={value} {...rest}>
      {l.tier(value)}
    </Tag>
  );
}

/** The flags a case carries, as red/orange tags; nothing when none is set. */
export function FlagTags({ flags }: { flags: CaseFlags | undefined }) {
  const { t } = useI18n();
  if (!flags) return null;
  const out: { key: string; text: string; color: string }[] = [];
  if (flags.group)
    out.push({ key: 'group', text: flags.groupSize ? t('flag.groupN', { n: flags.groupSize }) : t('flag.group'), color: 'volcano' });
  if (flags.violenceRisk) out.push({ key: 'violenceRisk', text: t('flag.violenceRisk'), color: 'red' });
  if (flags.crossVillage) out.push({ key: 'crossVillage', text: t('flag.crossVillage'), color: 'orange' });
  if (flags.crossTown) out.push({ key: 'crossTown', text: t('flag.crossTown'), color: 'orange' });
  if (flags.keyPersons) out.push({ key: 'keyPersons', text: t('flag.keyPersons'), color: 'magenta' });
  return (
    <>
      {out.map((f) => (
        <Tag key={f.key} color={f.color} data-flag={f.key}>
          {f.text}
        </Tag>
      ))}
    </>
  );
}

export function hasFlags(flags: CaseFlags | undefined): boolean {
  return !!flags && (flags.group || flags.violenceRisk || flags.crossVillage || flags.crossTown || flags.keyPersons);
}
