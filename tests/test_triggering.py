"""Does the SKILL.md description trigger on the right requests?

A lexical check, not a model run: for each request that should load the skill, every term
the request hinges on must appear in the description, because an agent matches requests to
skills by the description alone. Requests that should not load the skill must contain none
of the description's anchor terms, and their own vocabulary must be absent from it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
META = yaml.safe_load(re.match(r"\A---\n(.*?)\n---\n", (ROOT / "SKILL.md").read_text(), re.S)[1])
DESCRIPTION = META["description"].lower()
# Terms that, in a request, mean Starlette is involved.
ANCHORS = ("starlette", "asgi", "mcp", "fastapi's starlette")

SHOULD_TRIGGER = {
    "Add a /health route to my Starlette app": ["starlette"],
    "Why does my Starlette app ignore on_startup after upgrading?": ["starlette", "upgrade"],
    "Write ASGI middleware that adds a request id header": ["asgi", "middleware"],
    "Port this pre-1.0 Starlette code to 1.x": ["starlette", "pre-1.0"],
    "Set up lifespan to open a database pool in Starlette": ["lifespan", "starlette"],
    "Add session-based login to my Starlette app": ["sessions", "auth", "starlette"],
    "My Starlette websocket endpoint drops messages": ["websockets", "starlette"],
    "Render Jinja2 templates with Starlette": ["templates", "starlette"],
    "Serve static files from a Starlette app": ["static files", "starlette"],
    "Test my Starlette endpoints with TestClient": ["testing", "starlette"],
    "Deploy a Starlette app with uvicorn and gunicorn": ["deployment", "starlette"],
    "Stream server-sent events from Starlette": ["responses", "starlette"],
    "Handle file uploads in a Starlette request": ["requests", "starlette"],
    "Add CORS middleware to a Starlette API": ["middleware", "starlette"],
    "Mount a sub-application under /api in Starlette": ["routing", "starlette"],
    "Write a raw ASGI app without a framework": ["asgi"],
    "Add custom middleware under FastAPI's Starlette layer": ["fastapi's starlette layer"],
    "My MCP server's Starlette SSE app needs auth": ["mcp", "starlette", "auth"],
    "Upgrade starlette from 0.52 to 1.10 in this repo": ["starlette", "upgrade"],
    "Fix the 500 my Starlette JSON endpoint returns on bad input": ["starlette", "fix"],
}

SHOULD_NOT_TRIGGER = {
    "Write a Django view that lists users": ["django"],
    "Add a Flask blueprint for admin pages": ["flask"],
    "Build a React form with validation": ["react"],
    "Scrape a web page with requests and BeautifulSoup": ["beautifulsoup", "scrape"],
    "Plot a histogram with matplotlib": ["matplotlib"],
    "Write a pandas groupby for monthly sales": ["pandas"],
    "Configure nginx rate limiting": ["nginx"],
    "Train a scikit-learn classifier": ["scikit-learn"],
    "Write a Go HTTP handler with net/http": ["go ", "net/http"],
    "Create a Tornado web server": ["tornado"],
}


def test_twenty_should_trigger_and_ten_should_not() -> None:
    assert len(SHOULD_TRIGGER) == 20 and len(SHOULD_NOT_TRIGGER) == 10


@pytest.mark.parametrize("request_text", SHOULD_TRIGGER)
def test_description_names_the_vocabulary_of_requests_that_should_trigger(
    request_text: str,
) -> None:
    missing = [term for term in SHOULD_TRIGGER[request_text] if term not in DESCRIPTION]
    assert not missing, f"description lacks {missing} needed for: {request_text}"
    assert any(anchor in request_text.lower() for anchor in ANCHORS)


@pytest.mark.parametrize("request_text", SHOULD_NOT_TRIGGER)
def test_description_stays_silent_on_unrelated_web_and_python_work(request_text: str) -> None:
    assert not any(anchor in request_text.lower() for anchor in ANCHORS)
    present = [term for term in SHOULD_NOT_TRIGGER[request_text] if term in DESCRIPTION]
    assert not present, f"description names {present}, which belongs to: {request_text}"
