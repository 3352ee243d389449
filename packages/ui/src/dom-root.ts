import { getCurrentInstance } from "vue";

/**
 * The document or shadow root the calling component is rendered in. A remote mounted as a partner
 * widget lives in a shadow root, where `document.getElementById` finds nothing and
 * `document.activeElement` is the widget's host element, never the focused field: focus code must
 * look in this root instead. Call in `setup`; call the returned function when needed.
 * @example const domRoot = useDomRoot(); domRoot().getElementById("calendar-contact-phone")?.focus();
 */
export function useDomRoot(): () => Document | ShadowRoot {
  const instance = getCurrentInstance();
  return () => {
    // Even a fragment component has a `$el` (its anchor text node), and every node knows its root.
    const node = instance?.proxy?.$el as Node | null | undefined;
    const root = node?.getRootNode?.();
    return root instanceof ShadowRoot || root instanceof Document ? root : document;
  };
}
