export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>>;
export function cspHeader(): string;
export function cspMeta(): string;
export const THEME_HINT_KEY: string;
export const THEME_SCRIPT: string;
export const THEME_SCRIPT_HASH: string;
