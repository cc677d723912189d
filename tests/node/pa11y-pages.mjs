// HTML_CodeSniffer (WCAG2AA) through pa11y on every address given, in one Debian chromium.
// Prints one JSON line per page: {"url": ..., "issues": [{code, message, selector}]}.
// Usage: node pa11y-pages.mjs CHROMIUM URL...
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const [executablePath, ...urls] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
try {
  for (const url of urls) {
    const result = await pa11y(url, { browser, runners: ["htmlcs"], standard: "WCAG2AA", timeout: 60000 });
    const issues = result.issues.map(({ code, message, selector }) => ({ code, message, selector }));
    console.log(JSON.stringify({ url, issues }));
  }
} finally {
  await browser.close();
}
