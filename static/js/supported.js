// Runs first in <body>, before anything renders, so GOV.UK Frontend's
// JavaScript-only styles apply without a flash. A file, not an inline script,
// so the Content-Security-Policy can forbid inline scripts.
document.body.className +=
  " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
