"""A browser, in a few lines, for a web process behind production's TLS proxy.

Production settings want HTTPS: secure cookies with __Host- names, and CSRF checks of
the Origin of every form post. The proxy tells Django the request came over HTTPS
(X-Forwarded-Proto); this keeps the cookies itself, whatever their Secure flag, and
sends the Origin a browser would. Redirects are returned, not followed.
"""

import http.client
import json
import re
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Page:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def json(self):
        return json.loads(self.text)

    def csrf_token(self) -> str:
        found = CSRF_TOKEN.search(self.text)
        assert found, f"No form with a CSRF token on the page ({self.status})"
        return found.group(1)


class Browser:
    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> Page:
        return self._request("GET", path)

    def post(self, path: str, fields: dict[str, str]) -> Page:
        """Post a form the way a browser does after loading it: the token from the page."""
        token = self.get(path).csrf_token()
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token})
        return self._request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
            },
        )

    def sign_in(self, email: str, password: str) -> Page:
        return self.post("/accounts/login/", {"username": email, "password": password})

    def _request(self, method: str, path: str, *, body=None, headers=None) -> Page:
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = Page(response.status, response.headers, response.read().decode())
        finally:
            connection.close()
        for header in page.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return page
