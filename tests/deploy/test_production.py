"""Production smoke test: the platform as it is deployed, collected static files and gunicorn with the
production settings, answers its public pages and the spaces of signed-in users.

`gen collectstatic` runs with the production settings into a temporary directory (GEN_VAR_DIR), then
`gunicorn gen.wsgi` serves the pytest test database (committed data, so the server process sees it) on a
socket this process opened on a free port. Requests go over plain HTTP with `X-Forwarded-Proto: https`,
as behind the TLS-terminating proxy of a deployment, so the secure cookies, HSTS and the HTTPS redirect
of the production settings are all in play.
"""

import html
import http.client
import os
import re
import socket
import subprocess
import sys
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from gen.accounts.models import Role, User
from gen.catalogue.models import Course, Session
from gen.territories.models import Commune, Region
from tests.conftest import load_reference_samples
from tests.factories import PASSWORD, CandidateFactory, CourseFactory, MembershipFactory, SessionFactory

pytestmark = [
    pytest.mark.postgres,
    # The tests only read: the data they serve is committed once for the module (`site`).
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="The server process needs a database it can see: PostgreSQL (set DATABASE_URL).",
    ),
]

HOST = "gen.example.org"
ORIGIN = f"https://{HOST}"
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "gen.settings.production",
    "SECRET_KEY": "smoke-test-only-" + "k" * 50,
    "ALLOWED_HOSTS": HOST,
    "PRIVACY_CONTACT_EMAIL": "dpo@gen.example.org",
    "SITE_URL": ORIGIN,
    # No page fetched here sends mail; should one, it must not look for an SMTP server.
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
}
# Variables of the test process that must not leak into the production processes.
NOT_INHERITED = {*PRODUCTION_ENV, "DATABASE_URL", "GEN_VAR_DIR", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def database_url() -> str:
    """The pytest test database (one per pytest-xdist worker), as a DATABASE_URL."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db["HOST"] or "localhost", safe="")  # a socket directory too
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


@pytest.fixture(scope="module")
def production_env(django_db_setup, tmp_path_factory) -> dict:
    var_dir = tmp_path_factory.mktemp("production-var")
    inherited = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    return {**inherited, **PRODUCTION_ENV, "DATABASE_URL": database_url(), "GEN_VAR_DIR": str(var_dir)}


@pytest.fixture(scope="module")
def collected_static(production_env) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "gen", "collectstatic", "--noinput", "-v0"],
        env=production_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    static_root = Path(production_env["GEN_VAR_DIR"]) / "static"
    assert (static_root / "staticfiles.json").is_file()
    return static_root


@dataclass
class Site:
    course: Course
    session: Session
    candidate: User
    member: User
    national_team: User


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """Committed data: a labelled course with a session, and one user per role signing in. Flushed after
    the module, the reference samples loaded again (as a transactional test would leave the database)."""
    try:
        with django_db_blocker.unblock():
            built = build_site()
        yield built
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            load_reference_samples()


def build_site() -> Site:
    if not Region.objects.exists():  # flushed by a transactional test
        load_reference_samples()
    member = MembershipFactory(role=Role.ORGANISATION, is_admin=True, organisation__name="Pop School Lens")
    lens = Commune.objects.get(insee_code="62498")
    course = CourseFactory(title="Développeur web et mobile", organisation=member.organisation, commune=lens)
    site = Site(
        course=course,
        session=SessionFactory(course=course, name="Promotion de printemps"),
        candidate=CandidateFactory().user,
        member=member.user,
        national_team=MembershipFactory(role=Role.NATIONAL_TEAM).user,
    )
    # The factories hash with the test settings' fast hasher, which production does not accept.
    hasher = PBKDF2PasswordHasher()
    User.objects.filter(pk__in=[site.candidate.pk, site.member.pk, site.national_team.pk]).update(
        password=hasher.encode(PASSWORD, hasher.salt())
    )
    return site


@pytest.fixture(scope="module")
def server(production_env, collected_static, site):
    """gunicorn with the production settings, stopped after the module whatever happens."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    log_path = Path(production_env["GEN_VAR_DIR"]) / "gunicorn.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "gen.wsgi",
                "--bind",
                f"fd://{listener.fileno()}",
                "--workers",
                "1",
                "--timeout",
                "30",
                # Not in the home directory, shared with every other gunicorn (pytest-xdist workers).
                "--no-control-socket",
            ],
            env=production_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=[listener.fileno()],
        )
    # gunicorn holds the listening socket now: requests wait in its backlog until a worker is up, and
    # are refused at once if gunicorn exits.
    listener.close()
    server = Server(port=port, log_path=log_path)
    try:
        try:
            response = server.client().get("/", timeout=60)
        except OSError as error:
            pytest.fail(f"gunicorn did not answer ({error}):\n{log_path.read_text(errors='replace')}")
        assert response.status == 200, server.failure(response)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Server:
    port: int
    log_path: Path

    def client(self) -> "Client":
        return Client(self.port)

    def failure(self, response: Response) -> str:
        log = self.log_path.read_text(errors="replace")
        return f"HTTP {response.status}\n{response.text[:2000]}\n--- gunicorn log ---\n{log[-4000:]}"


class Client:
    """A browser, as far as these pages need: cookies (secure ones too, the connection being HTTPS as far
    as Django knows) and the headers of a request through the TLS proxy."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: SimpleCookie = SimpleCookie()

    def request(self, method: str, path: str, *, data: dict | None = None, headers=None, timeout=30):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            result = Response(response.status, response.msg, response.read())
        finally:
            connection.close()
        for header in result.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        return result

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def log_in(self, email: str) -> Response:
        """Sign in through the login form, as a browser does: its CSRF token, cookie and origin."""
        login = reverse("accounts:login")
        page = self.get(login)
        assert page.status == 200, page.text[:2000]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, "the login form has no CSRF token"
        return self.request(
            "POST",
            login,
            data={"csrfmiddlewaretoken": html.unescape(token[1]), "username": email, "password": PASSWORD},
            headers={"Origin": ORIGIN, "Referer": ORIGIN + login},
        )


def statuses(server: Server, client: Client, paths: list[str]) -> dict[str, int]:
    """The status of each page; on a failure, the gunicorn log goes to the captured output pytest shows."""
    found = {path: client.get(path).status for path in paths}
    if any(status != 200 for status in found.values()):
        print(server.log_path.read_text(errors="replace")[-4000:])
    return found


def test_the_public_pages_answer(server, site):
    paths = [
        reverse("home"),
        reverse("catalogue:search"),
        reverse("catalogue:search") + "?q=developpeur",
        reverse("catalogue:course", kwargs={"slug": site.course.slug}),
        reverse("catalogue:session", kwargs={"slug": site.course.slug, "pk": site.session.pk}),
        reverse("catalogue:map"),
        reverse("stats:national"),
        reverse("stats:methodology"),
        reverse("labelling:register"),
        reverse("labelling:calls"),
        reverse("accounts:login"),
        "/api/v1/docs",
        "/api/v1/openapi.json",
        "/api/v1/formations",
    ]

    found = statuses(server, server.client(), paths)

    assert found == dict.fromkeys(paths, 200)


def test_the_static_files_are_served_compressed_under_their_hashed_names(server, site):
    client = server.client()
    map_page = client.get(reverse("catalogue:map")).text
    # The manifest's names: the vendored Leaflet, whose missing source map once broke collectstatic.
    paths = re.findall(r'(?:src|href)="(/static/[^"]+\.[0-9a-f]{12}\.(?:css|js))"', map_page)
    assert any("/vendor/leaflet/leaflet." in path for path in paths), paths

    for path in paths:
        response = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert response.status == 200, server.failure(response)
        assert response.headers["Content-Encoding"] == "gzip", path
        assert "immutable" in response.headers["Cache-Control"], path


def test_an_unknown_page_gets_the_projects_404(server, site):
    response = server.client().get("/cette-page-n-existe-pas/")

    assert response.status == 404, server.failure(response)
    assert "Erreur 404" in response.text
    assert "La page que vous cherchez est introuvable" in response.text


def test_https_is_required(server, site):
    client = server.client()
    search = reverse("catalogue:search")

    plain = client.get(search, headers={"X-Forwarded-Proto": "http"})
    secure = client.get(search)

    assert plain.status == 301
    assert plain.headers["Location"] == ORIGIN + search
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def spaces(site: Site) -> dict[str, tuple[object, list[str]]]:
    organisation = site.course.organisation
    return {
        "candidate": (
            site.candidate,
            [reverse("admissions:candidate_space"), reverse("admissions:round_candidate_campaigns")],
        ),
        "organisation member": (
            site.member,
            [
                reverse("organisations:space", kwargs={"slug": organisation.slug}),
                reverse("labelling:dossiers"),
                reverse("admissions:selection_sessions"),
                reverse("cohorts:board"),
                reverse("outcomes:sessions"),
                reverse("stats:organisation"),
            ],
        ),
        "national team": (
            site.national_team,
            [reverse("labelling:team_calls"), reverse("stats:regional"), reverse("admin:index")],
        ),
    }


@pytest.mark.parametrize("who", ["candidate", "organisation member", "national team"])
def test_signed_in_users_reach_their_spaces(server, site, who):
    user, paths = spaces(site)[who]
    client = server.client()

    response = client.log_in(user.email)

    assert response.status == 302, server.failure(response)
    assert response.headers["Location"] == reverse("accounts:space")
    assert client.cookies["sessionid"]["secure"]
    found = statuses(server, client, [reverse("accounts:space"), *paths])
    assert found == dict.fromkeys([reverse("accounts:space"), *paths], 200)
