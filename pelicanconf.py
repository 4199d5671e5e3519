"""Pelican settings for building the site locally (`make build`, `make serve`)."""

import os

SITENAME = "chatcal"
SITESUBTITLE = "The open directory and calendar of recurring online chats"
SITEURL = ""
PATH = "content"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["chatcal_site"]

# Chats: read by our plugin from content/chats/, not as Pelican articles.
CHATCAL_CHATS_DIR = "chats"
# Absolute address of the site, for feeds and subscribe (webcal://) links.
CHATCAL_PUBLIC_URL = "http://127.0.0.1:8000"
# The Mastodon instance whose tag pages the "follow" links open.
CHATCAL_MASTODON_INSTANCE = "mastodon.social"
# Chat pages say "not verified since ..." when nobody confirmed the chat for this long.
CHATCAL_STALE_MONTHS = 12
# What a build keeps for the next one (parsed chats, rendered pages), relative
# to the project; None turns the cache off. Safe to delete at any time.
CHATCAL_CACHE_DIR = os.environ.get("CHATCAL_CACHE_DIR", ".cache/chatcal")
# The repository, and the links built from it: "edit this chat", "add a chat",
# "report a problem", the contributor guide.
CHATCAL_REPO_URL = "https://github.com/chatcal/chatcal"
CHATCAL_EDIT_URL = CHATCAL_REPO_URL + "/edit/main"
# "Suggest a chat" issue form (.github/ISSUE_TEMPLATE/suggest-a-chat.yml).
CHATCAL_SUGGEST_URL = CHATCAL_REPO_URL + "/issues/new?template=suggest-a-chat.yml"
# A new chat file in the web editor: `filename` and `value` are added per link.
CHATCAL_NEW_FILE_URL = CHATCAL_REPO_URL + "/new/main/content/chats"
# A problem with one chat: `title` and `body` naming the chat are added per link.
CHATCAL_ISSUE_URL = CHATCAL_REPO_URL + "/issues/new"
CHATCAL_CONTRIBUTING_URL = CHATCAL_REPO_URL + "/blob/main/CONTRIBUTING.md"
# True for a site of sample chats (`make demo`): every page says they are examples.
CHATCAL_DEMO = os.environ.get("CHATCAL_DEMO") == "1"

# Turn off what Pelican would otherwise read and write: no articles, no pages,
# no archives, categories, tags or authors, no Atom/RSS of articles.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
ARTICLE_SAVE_AS = ""
PAGE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
READERS = {"html": None, "htm": None, "rst": None}
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
# Every value a contributor controls is escaped unless marked safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
