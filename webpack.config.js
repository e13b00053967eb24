// Two bundles in one build: the panel (iframe UI, index.html + index.js + workers + ORT runtime)
// and the document sandbox (code.js, a single file). Both are ES modules; the SDK URL and the
// sandbox's host modules are externals the host provides at run time.
import path from "node:path";
import { fileURLToPath } from "node:url";
import HtmlWebpackPlugin from "html-webpack-plugin";
import CopyWebpackPlugin from "copy-webpack-plugin";
import MinimizerPlugin from "minimizer-webpack-plugin";
import webpack from "webpack";

const root = path.dirname(fileURLToPath(import.meta.url));
const production = process.env.NODE_ENV === "production";
/** `DEPTH_RESTYLE_EXPERIMENTAL=1` builds the experimental-APIs variant into dist-experimental/. */
const experimental = process.env.DEPTH_RESTYLE_EXPERIMENTAL === "1";
const outDir = path.resolve(root, process.env.DEPTH_RESTYLE_OUT ?? (experimental ? "dist-experimental" : "dist"));
/** Tests skip the 40 MB ONNX runtime copy; the packaged add-on always has it. */
const withOrt = process.env.DEPTH_RESTYLE_SKIP_ORT !== "1";

const SDK_URL = "https://new.express.adobe.com/static/add-on-sdk/sdk.js";

// Type checking is `npm run typecheck` (one tsconfig per runtime); the build only transpiles.
const tsRule = (configFile, compilerOptions = {}) => ({
  test: /\.tsx?$/,
  include: [path.resolve(root, "src")],
  use: [{ loader: "ts-loader", options: { configFile, transpileOnly: true, onlyCompileBundledFiles: true, compilerOptions } }],
});

const common = {
  mode: production ? "production" : "development",
  devtool: production ? false : "source-map",
  experiments: { outputModule: true },
  externalsType: "module",
  resolve: { extensions: [".ts", ".tsx", ".js"], extensionAlias: { ".js": [".ts", ".tsx", ".js"] } },
  // swc minifies the 1.2 MB panel in a quarter of terser's time at the same size.
  optimization: { minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify, minimizerOptions: { compress: true, mangle: true } })] },
  performance: { hints: false },
  stats: "errors-warnings",
};

/** src/shared/build-flags.ts: the experimental build reads layers with the per-node rendition. */
const buildFlags = new webpack.DefinePlugin({ __DEPTH_RESTYLE_EXPERIMENTAL__: JSON.stringify(experimental) });

const panelHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Depth Restyle</title>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

const ortFiles = ["ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm", "ort-wasm-simd-threaded.jsep.mjs", "ort-wasm-simd-threaded.jsep.wasm"];

const panel = {
  ...common,
  name: "panel",
  target: "web",
  entry: { index: path.resolve(root, "src/ui/index.tsx") },
  output: {
    path: outDir,
    module: true,
    filename: "[name].js",
    chunkFilename: "chunks/[name].[contenthash:8].js",
    assetModuleFilename: "assets/[name].[contenthash:8][ext]",
    publicPath: "auto",
    // The sandbox bundle lands in the same folder after this one; a panel rebuild must keep it.
    clean: { keep: /^code\.js/ },
  },
  externals: { [SDK_URL]: SDK_URL },
  // Readable chunk names (image/depth worker) in production too.
  optimization: { ...common.optimization, chunkIds: "named" },
  module: {
    rules: [
      tsRule(path.resolve(root, "tsconfig.panel.json")),
      { test: /\.css$/, use: ["style-loader", "css-loader"] },
      // onnxruntime-web finds its wasm through `new URL(…, import.meta.url)`; the depth module points
      // it at dist/ort/ (wasmPaths) instead, so webpack must not emit a second 28 MB copy.
      { test: /[\\/]node_modules[\\/]onnxruntime-web[\\/]/, parser: { url: false } },
    ],
  },
  plugins: [
    buildFlags,
    new HtmlWebpackPlugin({ templateContent: panelHtml, scriptLoading: "module", inject: "body", filename: "index.html" }),
    new CopyWebpackPlugin({
      patterns: [
        { from: path.resolve(root, experimental ? "manifest.experimental.json" : "manifest.json"), to: "manifest.json" },
        { from: path.resolve(root, "assets/icons"), to: "icons" },
        // Shipped as published (already minified); the minimizer must not rewrite them.
        ...(withOrt ? ortFiles.map((f) => ({ from: path.resolve(root, "node_modules/onnxruntime-web/dist", f), to: `ort/${f}`, info: { minimized: true } })) : []),
      ],
    }),
  ],
};

const sandbox = {
  ...common,
  name: "sandbox",
  // QuickJS: plain ES2020, no DOM, no chunks — everything must land in code.js.
  target: ["web", "es2020"],
  entry: { code: path.resolve(root, "src/sandbox/code.ts") },
  output: { path: outDir, module: true, filename: "[name].js", chunkFormat: "module" },
  optimization: { ...common.optimization, splitChunks: false, runtimeChunk: false },
  externals: { "add-on-sdk-document-sandbox": "add-on-sdk-document-sandbox", "express-document-sdk": "express-document-sdk" },
  module: { rules: [tsRule(path.resolve(root, "tsconfig.sandbox.json"), { target: "ES2020" })] },
  plugins: [buildFlags],
};

export default [panel, { ...sandbox, dependencies: ["panel"] }];
