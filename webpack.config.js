// Builds the add-in: one taskpane page that hosts the shared runtime (taskpane, ribbon commands and
// custom functions share one JavaScript context), functions.json from the JSDoc of the functions,
// the manifest (with URLs rewritten for production) and the function help pages.
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

// Production origin comes from the environment so no deployment URL is hard-coded.
const PROD_URL = (process.env.ADDIN_PROD_URL || "https://electronics-esg.example.org").replace(/\/+$/, "");

async function devServerOptions(httpOnly) {
  const port = Number(process.env.npm_package_config_dev_server_port || 3000);
  const base = {
    host: "127.0.0.1",
    port,
    headers: { "Access-Control-Allow-Origin": "*" },
    static: [{ directory: path.join(__dirname, "dist") }],
    hot: false,
    liveReload: false,
    client: false,
  };
  if (httpOnly) return { ...base, server: { type: "http" } };
  try {
    // Needs installed dev certificates (sudo on Linux); fall back to HTTP on loopback when that fails.
    const devCerts = require("office-addin-dev-certs");
    const options = await devCerts.getHttpsServerOptions();
    return { ...base, server: { type: "https", options } };
  } catch (err) {
    console.warn(`Dev certificates unavailable (${err && err.message ? err.message.split("\n")[0] : err}); serving plain HTTP on 127.0.0.1.`);
    return { ...base, server: { type: "http" } };
  }
}

/** Rewrites the dev origin to the production origin in emitted text assets (functions.json helpUrls). */
class ProductionUrlPlugin {
  constructor(files) {
    this.files = files;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ProductionUrlPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ProductionUrlPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!this.files.includes(name)) continue;
            const text = assets[name].source().toString().replace(/https:\/\/localhost:3000/g, PROD_URL);
            compilation.updateAsset(name, new compiler.webpack.sources.RawSource(text));
          }
        },
      );
    });
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  // Function help pages (docs/functions/*.md -> docs/functions/site, copied to dist/help below).
  const { buildHelp } = await import("./scripts/build-help.mjs");
  buildHelp();
  const httpOnly = Boolean(process.env.DEV_SERVER_HTTP);
  return {
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      functions: "./src/functions/functions.ts",
      // The workbench: the real taskpane beside an in-memory workbook (no Office needed).
      workbench: "./src/workbench/index.tsx",
    },
    output: { path: path.resolve(__dirname, "dist"), clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } },
      ],
    },
    // Essential for the shared runtime: one webpack runtime, so modules (and state) are shared across entries.
    optimization: { runtimeChunk: "single", splitChunks: { chunks: "all", name: "shared" } },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["runtime", "taskpane", "commands", "functions"],
      }),
      new HtmlWebpackPlugin({ filename: "workbench.html", template: "./src/workbench/workbench.html", chunks: ["runtime", "workbench"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              if (dev) return content;
              return content.toString().replace(/https:\/\/localhost:3000/g, PROD_URL);
            },
          },
          { from: "docs/functions/site", to: "help", noErrorOnMissing: true },
        ],
      }),
      ...(dev ? [] : [new ProductionUrlPlugin(["functions.json"])]),
    ],
    devServer: env && env.WEBPACK_BUILD ? undefined : await devServerOptions(httpOnly),
  };
};
