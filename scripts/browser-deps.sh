#!/usr/bin/env bash
# Browser tests need Debian's Chromium and axe-core from npm; installs what is missing.
# (Filled in by the accessibility work; a no-op until browser tests exist.)
exit 0
