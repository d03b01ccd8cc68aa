/** All calendar arithmetic happens in this zone (China Standard Time; docs/architecture.md, time-driven jobs). */
export const ZONE = 'Asia/Shanghai';
