export const CHROMIUM_ARGS: string[];
export function findChromium(): { path: string | undefined; source: string };
