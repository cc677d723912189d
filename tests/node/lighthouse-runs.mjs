// Lighthouse (mobile, its default emulation and simulated throttling) on each URL given, `runs`
// times, in Debian's chromium, all from one Node process (starting Node and Lighthouse for each
// run would add half as much time again). Used by scripts/bench.py, which summarises the results.
//
//   CHROME_PATH=/usr/bin/chromium CHROME_FLAGS="--headless=new ..." node lighthouse-runs.mjs RUNS SECONDS URL...
//
// Prints one JSON line per run, as it ends: {url, run, lhr} with the report's audits cut to what the
// summary needs, or {url, run, error}. The runs go round the URLs (every page's first run, then
// every page's second...), so a minute when the shared machine is slow does not fall on one page.
// A run that takes longer than SECONDS counts as failed.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [runs, seconds, ...urls] = process.argv.slice(2);
const chromeFlags = (process.env.CHROME_FLAGS || "--headless=new --no-sandbox").split(" ");
const settings = {
  output: "json", logLevel: "error", disableFullPageScreenshot: true,  // not scored; a second a run
  onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
};

function summary(lhr) {
  const audits = {};
  for (const [id, audit] of Object.entries(lhr.audits)) {
    audits[id] = {score: audit.score, numericValue: audit.numericValue, title: audit.title};
  }
  const categories = {};
  for (const [id, category] of Object.entries(lhr.categories)) {
    categories[id] = {score: category.score, auditRefs: category.auditRefs.map(({id, weight}) => ({id, weight}))};
  }
  return {categories, audits, runWarnings: lhr.runWarnings, runtimeError: lhr.runtimeError,
    lighthouseVersion: lhr.lighthouseVersion, benchmarkIndex: lhr.environment.benchmarkIndex};
}

// A fresh browser for each run: after some twenty runs in one browser, Lighthouse 12 sometimes
// records no navigation start (NO_NAVSTART). A run that fails is tried once more; the line says so.
async function once(url) {
  const chrome = await chromeLauncher.launch({chromeFlags});
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${seconds} s`)), Number(seconds) * 1000);
  });
  try {
    const running = lighthouse(url, {...settings, port: chrome.port});
    running.catch(() => {});  // once timed out, its end (the browser killed) is of no interest
    const result = await Promise.race([running, late]);
    if (result.lhr.runtimeError) throw new Error(result.lhr.runtimeError.message);
    return summary(result.lhr);
  } finally {
    clearTimeout(timer);
    await chrome.kill();
  }
}

for (let run = 1; run <= Number(runs); run++) {
  for (const url of urls) {
    const failures = [];
    let lhr = null;
    while (!lhr && failures.length < 2) {
      try {
        lhr = await once(url);
      } catch (error) {
        failures.push(String(error.message || error).slice(0, 300));
      }
    }
    console.log(JSON.stringify(lhr ? {url, run, lhr, retried: failures} : {url, run, error: failures.join(" / ")}));
  }
}
