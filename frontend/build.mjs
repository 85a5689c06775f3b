// Builds the static files that Django serves: compiled CSS, GOV.UK Frontend's JavaScript,
// cytoscape.js for the intelligence link chart, and axe-core for the accessibility tests. Output goes to frontend/build/ (not committed).
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, "frontend", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const css = sass.compile(join(root, "frontend", "scss", "app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "css", "app.css"), css.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
// The crest and icons the GOV.UK Frontend stylesheet refers to, at the path it expects (/static/govuk/images/).
cpSync(join(govuk, "assets", "images"), join(out, "govuk", "images"), { recursive: true });
cpSync(join(root, "frontend", "js"), join(out, "js"), { recursive: true });
cpSync(join(root, "frontend", "static"), out, { recursive: true });
mkdirSync(join(out, "vendor"), { recursive: true });
cpSync(join(root, "node_modules", "axe-core", "axe.min.js"), join(out, "vendor", "axe.min.js"));
cpSync(join(root, "node_modules", "cytoscape", "dist", "cytoscape.esm.min.mjs"), join(out, "vendor", "cytoscape.esm.min.mjs"));

console.log(`Built front-end assets into ${out}`);
