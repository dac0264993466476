/**
 * Colour vocabulary shared by the dialects. The canonical colour is a hex `#rrggbb` string; Kirim
 * speaks in colour names, which map to fixed hex values (the Jasni palette where the name matches).
 */
export const KIRIM_COLOR_HEX = {
  gray: '#6b7280',
  red: '#ef4444',
  orange: '#f97316',
  amber: '#f59e0b',
  green: '#22c55e',
  cyan: '#0ea5e9',
  blue: '#3b82f6',
  indigo: '#6366f1',
  violet: '#8b5cf6',
  purple: '#a855f7',
  fuchsia: '#d946ef',
  pink: '#ec4899',
} as const;

export type KirimColorName = keyof typeof KIRIM_COLOR_HEX;
export const KIRIM_COLOR_NAMES = Object.keys(KIRIM_COLOR_HEX) as KirimColorName[];

/** Jasni's documented palette, from which a colour is picked at random when none is given. */
export const JASNI_PALETTE = ['#6366f1', '#8b5cf6', '#a855f7', '#d946ef', '#ec4899', '#ef4444', '#f97316', '#f59e0b', '#22c55e', '#0ea5e9'] as const;

/** The colour a label gets where a dialect needs one and none was ever set (Kirim's default, gray). */
export const DEFAULT_HEX_COLOR = KIRIM_COLOR_HEX.gray;

/** The Kirim colour name nearest to a hex colour (by distance in RGB space). */
export function nearestKirimColor(hex: string): KirimColorName {
  const target = rgbOf(hex);
  let best: KirimColorName = 'gray';
  let bestDistance = Infinity;
  for (const name of KIRIM_COLOR_NAMES) {
    const candidate = rgbOf(KIRIM_COLOR_HEX[name]);
    const distance = (candidate[0] - target[0]) ** 2 + (candidate[1] - target[1]) ** 2 + (candidate[2] - target[2]) ** 2;
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function rgbOf(hex: string): [number, number, number] {
  const value = parseInt(hex.slice(1, 7), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}
