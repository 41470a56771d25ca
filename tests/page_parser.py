"""The parts of a warta page the Python tests look at, shared by tests/serve_test.py (the
server's HTML) and tests/browser_test.py (the DOM Chromium built):

    from page_parser import parse
    p = parse(html)
    p.tags      # [(tag, attrs dict)] of every element, in document order
    p.scripts   # the number of <script> elements
    p.title     # the text of <title>
    "".join(p.text)   # the text of the release view (<div id="text">)
    p.marks     # (data-type, data-start, data-end, from, to) of each <mark> in it: from, to
                #   are the code-point offsets of the text it covers in "".join(p.text)
"""
import html.parser


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.title = [], 0, ""
        self.text, self.marks = [], []
        self._depth = 0        # inside <div id="text">: the depth of elements open in it
        self._open = []        # marks open: (type, start, end, from)
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        self._in_title = tag == "title"
        if tag == "script":
            self.scripts += 1
        if self._depth:
            self._depth += 1
            if tag == "mark":
                self._open.append((a.get("data-type"), int(a["data-start"]), int(a["data-end"]), self._at()))
        elif tag == "div" and a.get("id") == "text":
            self._depth = 1

    def handle_endtag(self, tag):
        self._in_title = False
        if self._depth:
            self._depth -= 1
            if tag == "mark" and self._open:
                t, s, e, at = self._open.pop()
                self.marks.append((t, s, e, at, self._at()))

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._depth:
            self.text.append(data)

    def _at(self):
        return len("".join(self.text))


def parse(body):
    p = Page()
    p.feed(body)
    return p
