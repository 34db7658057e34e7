"""Browser tests: JupyterLab and Voila driven by Playwright in Debian's Chromium."""
