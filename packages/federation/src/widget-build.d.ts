// Types of widget-build.js, written out: postcss and vite do not resolve from this package (they are
// the apps' dependencies), and these shapes are what Vite's `UserConfig` accepts.

/** A PostCSS 8 plugin: rewrites `:root` to `:host`, appends the host reset to the tokens' file. */
export interface ShadowRootCssPlugin {
  postcssPlugin: string;
  Once: (root: unknown, helpers: unknown) => void;
}
export declare function shadowRootCss(): ShadowRootCssPlugin;

/** The Vite options of one widget build (without plugins); see widget-build.js. */
export interface WidgetBuildOptions {
  publicDir: false;
  resolve: { alias: { find: RegExp; replacement: string }[] };
  define: Record<string, string>;
  css: { postcss: { plugins: ShadowRootCssPlugin[] } };
  build: {
    outDir: string;
    emptyOutDir: boolean;
    cssCodeSplit: boolean;
    lib: {
      entry: string;
      formats: "iife"[];
      name: string;
      fileName: () => string;
      cssFileName: string;
    };
  };
}
export declare function widgetBuildOptions(widget: { name: string; entry: string }): WidgetBuildOptions;
