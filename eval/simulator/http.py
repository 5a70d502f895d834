"""Wire helpers shared by the simulator and the test suite's scripted stub server: serve an
ASGI app on 127.0.0.1 from a background thread (uvicorn), the text of a chat message, and
the token estimate both report as usage."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from typing import Any

import uvicorn
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

__all__ = ["ThreadedServer", "json_body", "text_of", "tokens"]

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def tokens(text: str) -> int:
    """Tokens ≈ one per CJK character + one per four other characters (a rough BPE rule)."""
    cjk = len(_CJK.findall(text))
    return cjk + -(-(len(text) - cjk) // 4)


def text_of(message: dict[str, Any]) -> str:
    """A chat message's text (string content, or the text parts of a list)."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


class ThreadedServer:
    """``start()`` binds (``port`` 0: a free one), runs uvicorn in a daemon thread and waits
    until it accepts; ``stop()`` asks it to exit and joins the thread."""

    def __init__(self, app: Any, port: int = 0) -> None:
        self.app = app
        self.port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> ThreadedServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("local server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)


async def json_body(request: Request) -> dict[str, Any] | Response:
    """The request's JSON object, or the 400 response to send when it is not one."""
    try:
        body = await request.json()
    except json.JSONDecodeError:
        body = None
    if isinstance(body, dict):
        return body
    return JSONResponse({"error": {"message": "request body is not a JSON object"}}, status_code=400)
