// Builds static/build/ from the pinned govuk-frontend package: compiled CSS
// (system font, no GDS Transport), the Frontend JS module and the few images we use.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { compile } from "sass";
import { writeFileSync } from "node:fs";

const frontend = "node_modules/govuk-frontend/dist/govuk";
const out = "static/build";

rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/images`, { recursive: true });

const css = compile("static/scss/app.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/app.css`, css.css);

cpSync(`${frontend}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`);
// Only the neutral favicon; the crest and GOV.UK icons are not ours to use.
cpSync(`${frontend}/assets/images/favicon.svg`, `${out}/images/favicon.svg`);
console.log(`built ${out}/app.css (${css.css.length} bytes)`);
