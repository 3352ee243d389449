import { describe, expect, it } from "vitest";
import { createApp, defineComponent, h, nextTick } from "vue";
import { useDomRoot } from "./dom-root.ts";

/** A field that focuses itself by id through the root it is rendered in. */
const FocusById = defineComponent({
  setup() {
    const domRoot = useDomRoot();
    return { focus: () => domRoot().getElementById("dom-root-field")?.focus(), domRoot };
  },
  render() {
    return h("input", { id: "dom-root-field", "aria-label": "Поле" });
  },
});

function mountInto(container: Element) {
  const app = createApp(FocusById);
  const vm = app.mount(container) as unknown as { focus: () => void; domRoot: () => Document | ShadowRoot };
  return { vm, unmount: () => app.unmount() };
}

describe("useDomRoot", () => {
  it("is the document for a component in the page", () => {
    const container = document.body.appendChild(document.createElement("div"));
    const { vm, unmount } = mountInto(container);
    expect(vm.domRoot()).toBe(document);
    vm.focus();
    expect(document.activeElement?.id).toBe("dom-root-field");
    unmount();
    container.remove();
  });

  it("is the shadow root for a component inside one, where document look-ups find nothing", async () => {
    const host = document.body.appendChild(document.createElement("div"));
    const shadow = host.attachShadow({ mode: "open" });
    const container = shadow.appendChild(document.createElement("div"));
    const { vm, unmount } = mountInto(container);
    await nextTick();
    expect(document.getElementById("dom-root-field")).toBeNull();
    expect(vm.domRoot()).toBe(shadow);
    vm.focus();
    expect(shadow.activeElement?.id).toBe("dom-root-field");
    unmount();
    host.remove();
  });
});
