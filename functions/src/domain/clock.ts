/** The one source of "now" for the domain: injected so tests and `--at` can fix time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const fixedClock = (at: Date | string): Clock => {
  const d = typeof at === 'string' ? new Date(at) : at;
  return () => new Date(d.getTime());
};

/** All calendar arithmetic happens in this zone (DOMAIN.md: "Asia/Shanghai"). */
export const ZONE = 'Asia/Shanghai';
