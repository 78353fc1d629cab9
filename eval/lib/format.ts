/** Cell formatting shared by all suites. Undefined values print as an en dash. */

export const MISSING = '–';

export function fixed(value: number | undefined, digits = 3): string {
  return value === undefined || Number.isNaN(value) ? MISSING : value.toFixed(digits);
}

export function percent(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? MISSING : `${(value * 100).toFixed(digits)} %`;
}

export function milliseconds(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return MISSING;
  if (value >= 100) return value.toFixed(0);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function duration(ms: number): string {
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
