export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>>;
export function cspHeader(): string;
export function cspMeta(): string;
