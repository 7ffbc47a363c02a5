"""Find executable markup in an HTML document or fragment."""

from html.parser import HTMLParser

DANGEROUS_ELEMENTS = {"iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "background",
    "poster",
    "srcdoc",
}
# Our own scripts: static files, and Swagger UI's JSON settings block.
ALLOWED_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class ExecutableMarkupFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            src = attributes.get("src") or ""
            ours = src.startswith("/static/") or src.startswith("/api/docs/assets/")
            if not ours and attributes.get("type") not in ALLOWED_SCRIPT_TYPES:
                self.problems.append(f"<script {attrs}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() != "refresh":
            pass
        elif tag in DANGEROUS_ELEMENTS and tag != "meta":
            self.problems.append(f"<{tag}>")
        elif tag == "meta":
            self.problems.append("<meta http-equiv=refresh>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                compact = "".join(value.split()).lower()
                if compact.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
            if (
                name == "style"
                and value
                and ("expression(" in value.lower() or "javascript:" in value.lower())
            ):
                self.problems.append(f"style={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def executable_markup(html):
    finder = ExecutableMarkupFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
