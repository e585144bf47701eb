# Requires Starlette >= 1.7.
import hashlib

from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

CHUNKS = [b"alpha,", b"beta,", b"gamma"]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    # A pure ASGI app: send the body's SHA-256 as a trailer when the server supports it.
    assert scope["type"] == "http"
    trailers = "http.response.trailers" in scope.get("extensions", {})
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain"), (b"trailer", b"x-checksum")],
            "trailers": trailers,
        }
    )
    digest = hashlib.sha256()
    for chunk in CHUNKS:
        digest.update(chunk)
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})
    if trailers:
        checksum = digest.hexdigest().encode()
        await send({"type": "http.response.trailers", "headers": [(b"x-checksum", checksum)]})


def test_trailers_are_exposed_as_a_response_extension() -> None:
    response = TestClient(app).get("/", headers={"TE": "trailers"})
    assert response.text == "alpha,beta,gamma"
    expected = hashlib.sha256(b"alpha,beta,gamma").hexdigest().encode()
    assert response.extensions["http.response.trailers"] == [(b"x-checksum", expected)]
    assert "x-checksum" not in response.headers
