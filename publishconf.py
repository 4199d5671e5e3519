"""Production settings: the published site's absolute address, feeds on."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("CHATCAL_SITEURL", "https://chatcal.org").rstrip("/")
CHATCAL_PUBLIC_URL = SITEURL
RELATIVE_URLS = False
