// Lighthouse (mobile, its default emulation and simulated throttling) on each URL given, `runs`
// times, in one Debian chromium kept open between runs (starting Node and the browser for each run
// would double the benchmark's time). Used by scripts/bench.py, which summarises the results.
//
//   CHROME_PATH=/usr/bin/chromium CHROME_FLAGS="--headless=new ..." node lighthouse-runs.mjs RUNS SECONDS URL...
//
// Prints one JSON line per run, as it ends: {url, run, lhr} with the report's audits cut to what the
// summary needs, or {url, run, error}. The runs go round the URLs (every page's first run, then
// every page's second...), so a minute when the shared machine is slow does not fall on one page.
// A run that takes longer than SECONDS is reported and the browser started again.
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

let chrome = await chromeLauncher.launch({chromeFlags});
for (let run = 1; run <= Number(runs); run++) {
  for (const url of urls) {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result after ${seconds} s`)), Number(seconds) * 1000);
    });
    try {
      const result = await Promise.race([lighthouse(url, {...settings, port: chrome.port}), late]);
      console.log(JSON.stringify({url, run, lhr: summary(result.lhr)}));
    } catch (error) {
      console.log(JSON.stringify({url, run, error: String(error.message || error).slice(0, 300)}));
      await chrome.kill();
      chrome = await chromeLauncher.launch({chromeFlags});
    } finally {
      clearTimeout(timer);
    }
  }
}
await chrome.kill();
