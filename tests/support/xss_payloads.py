"""Hostile text for every field a contributor controls.

Each payload, if it ever ran, would open a dialog or log `INJECTED`.
"""

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(2)</SCRIPT>",
    "<scr<script>ipt>alert(3)</script>",
    "<img src=x onerror=alert(4)>",
    "<img src=x oNeRrOr=alert(5)>",
    "<svg onload=alert(6)>",
    "<svg><script>alert(7)</script></svg>",
    "\"><script>alert(8)</script>",
    "'><img src=x onerror=alert(9)>",
    "<iframe src=\"javascript:alert(10)\"></iframe>",
    "<a href=\"javascript:alert(11)\">click</a>",
    "<body onload=alert(12)>",
    "<details open ontoggle=alert(13)>",
    "&lt;script&gt;alert(14)&lt;/script&gt;",
    "<math><mi xlink:href=\"javascript:alert(15)\">m</mi></math>",
    "<object data=\"javascript:alert(16)\"></object>",
    "<embed src=\"javascript:alert(17)\">",
    "<input autofocus onfocus=alert(18)>",
    "<video><source onerror=alert(19)></video>",
    "</textarea><script>alert(20)</script>",
    "</title><script>alert(21)</script>",
    "<!--<img src=\"--><img src=x onerror=alert(22)//\">",
    "<a href=\"&#106;avascript:alert(23)\">e</a>",
    "<base href=\"javascript:alert(24)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(25)\">",
    "<style>*{background:url(javascript:alert(26))}</style>",
    "<div style=\"x:expression(alert(27))\">s</div>",
    "<script>console.log('INJECTED')</script>",
    "{{ 7*7 }}{% raw %}<script>alert(29)</script>",
    "</script><script>alert(30)</script>",
    "<form action=\"javascript:alert(31)\"><button>go</button></form>",
    "<p title=\"</p><img src=x onerror=alert(32)>\">",
    "\u003cimg src=x onerror=alert(33)\u003e",
    "<<img src=x onerror=alert(34)>>",
]

# Markdown-only tricks for the description.
MARKDOWN_PAYLOADS = [
    "[click](javascript:alert(101))",
    "[click](JaVaScRiPt:alert(102))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMDMpPC9zY3JpcHQ+)",
    "![img](javascript:alert(104))",
    "![x\" onerror=\"alert(105)](https://example.org/x.png)",
    "[x](https://example.org/\" onmouseover=\"alert(106))",
    "[x][ref]\n\n[ref]: javascript:alert(107)",
    "<javascript:alert(108)>",
    "```html\n<script>alert(109)</script>\n```",
    "<div markdown=\"1\"><script>alert(110)</script></div>",
]
