import { create } from 'zustand';

/**
 * Drafts whose author allowed remote images in the preview, for this session. Until then the
 * preview loads none (see REMOTE_LOAD_ATTRIBUTES in sanitize.ts): GitHub proxies images, a
 * browser app cannot, so an image URL in a shared document could tell its server who reads it.
 */
export const useRemoteImages = create<{ allowed: Record<string, true> }>()(() => ({
  allowed: {},
}));

export function allowRemoteImages(scope: string): void {
  useRemoteImages.setState((s) => ({ allowed: { ...s.allowed, [scope]: true } }));
}
