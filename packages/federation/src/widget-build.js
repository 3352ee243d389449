// The partner widgets' build (issue 7), shared by apps/{calendar,referrals,my-appointments}/vite.widget.config.ts.
// Plain JavaScript for the reason shared.js gives: Vite loads config imports with Node itself. Types: widget-build.d.ts.
import { fileURLToPath } from "node:url";

/**
 * The stand-in for zod in widget builds (see its header: the widget is served by the API it talks
 * to, so validating that API's answers there guards nothing, and zod would take a third of the budget).
 */
const UNCHECKED_ZOD = fileURLToPath(new URL("../../api-client/src/unchecked-zod.ts", import.meta.url));

/**
 * Resets the host element of a widget and the container inside its shadow root (`.priyom-widget`,
 * made by widget-host.ts): `all: initial` cuts every property the partner's page passes down (font,
 * colour, line height, letter spacing, text alignment, …); then our own, from the tokens. The
 * container matters: the page's own rules still reach the host element (`* { color: red }` beats
 * `:host`), but nothing of the page reaches inside the shadow root, so what the remote inherits is
 * set there. The background is ours too: the text colours were checked for contrast against it.
 */
const RESET_SELECTOR = ":host, .priyom-widget";
const HOST_RESET = [
  ["all", "initial"],
  ["display", "block"],
  ["font-family", "var(--ui-font-family)"],
  ["font-size", "var(--ui-font-size-md)"],
  ["line-height", "var(--ui-line-height)"],
  ["color", "var(--ui-color-text)"],
  ["background", "var(--ui-color-bg)"],
  ["-webkit-text-size-adjust", "100%"],
];

/**
 * A PostCSS plugin making the CSS work inside a shadow root: `:root` (where packages/ui/tokens.css
 * declares the tokens) matches nothing there, so it becomes `:host`; the file that declared them
 * gets the reset of the host and its container after them.
 * @returns {import("./widget-build.d.ts").ShadowRootCssPlugin}
 */
export function shadowRootCss() {
  return {
    postcssPlugin: "priyom-shadow-root",
    Once(root, { postcss }) {
      let tokens;
      root.walkRules((rule) => {
        if (!rule.selector.includes(":root")) return;
        rule.selector = rule.selector.replaceAll(":root", ":host");
        tokens ??= rule;
      });
      if (!tokens) return;
      // Built as nodes carrying the tokens' source (nodes without one make PostCSS warn about `from`).
      const reset = postcss.rule({ selector: RESET_SELECTOR, source: tokens.source });
      for (const [prop, value] of HOST_RESET)
        reset.append(postcss.decl({ prop, value, source: tokens.source }));
      root.append(reset);
    },
  };
}

/**
 * The Vite options of one widget build (plugins are the caller's: `@vitejs/plugin-vue` resolves from
 * the app, not from here): one IIFE script `dist-widget/priyom-<name>.js` with Vue inside, and one
 * stylesheet `dist-widget/priyom-<name>.css` next to it (the script finds it by its own URL).
 * @param {{ name: string, entry: string }} widget `name` e.g. "calendar"; `entry` the absolute path of src/widget.ts
 * @returns {import("./widget-build.d.ts").WidgetBuildOptions}
 */
export function widgetBuildOptions({ name, entry }) {
  const file = `priyom-${name}`;
  return {
    // Nothing of the remote's public folder belongs to the widget.
    publicDir: false,
    resolve: { alias: [{ find: /^zod$/, replacement: UNCHECKED_ZOD }] },
    define: {
      // Library mode leaves `process.env.NODE_ENV` to the consumer's bundler; a partner page has none.
      "process.env.NODE_ENV": JSON.stringify("production"),
      __VUE_OPTIONS_API__: "false",
      __VUE_PROD_DEVTOOLS__: "false",
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
    },
    css: { postcss: { plugins: [shadowRootCss()] } },
    build: {
      outDir: "dist-widget",
      emptyOutDir: true,
      cssCodeSplit: false,
      lib: {
        entry,
        formats: ["iife"],
        // The global an IIFE needs a name for; the widget exports nothing, it defines its element.
        name: `PriyomWidget_${name.replaceAll("-", "_")}`,
        fileName: () => `${file}.js`,
        cssFileName: file,
      },
    },
  };
}
