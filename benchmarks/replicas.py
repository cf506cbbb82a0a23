"""Several `streamlit run app.py` processes behind nginx with sticky sessions, on loopback.

    python benchmarks/replicas.py --processes 2 [--port 8500]

Streamlit keeps each user's session in the process that served its websocket, so every
request of one browser must reach the same process: nginx gives each new browser a cookie
(`st_route`) and hashes it to pick the process. Because the page's URL carries the whole
state, a browser that loses its process (restart, cookie cleared) reloads into the same
network on another one. Runs until interrupted; `replica_cluster()` is the same as a
context manager for benchmarks.
"""

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.pagebench import ROOT, free_port, streamlit_server, wait_healthy  # noqa: E402

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    map $cookie_st_route $st_route {{ "" $request_id; default $cookie_st_route; }}
    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    upstream streamlit {{
        hash $st_route consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://streamlit;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 86400;
            add_header Set-Cookie "st_route=$st_route; Path=/; HttpOnly; SameSite=Lax";
        }}
    }}
}}
"""


@contextlib.contextmanager
def replica_cluster(processes: int, port: int | None = None, script: Path = ROOT / "app.py"):
    """Yields (url, [streamlit processes]) for `processes` replicas behind nginx."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    port = port or free_port()
    with contextlib.ExitStack() as stack:
        backends = [stack.enter_context(streamlit_server(script)) for _ in range(processes)]
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        servers = "\n".join(f"        server {url.removeprefix('http://')};" for url, _ in backends)
        (tmp / "nginx.conf").write_text(NGINX_CONF.format(tmp=tmp, servers=servers, port=port))
        proc = subprocess.Popen([nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf")])
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url)
            yield url, [p for _, p in backends]
        finally:
            proc.terminate()
            proc.wait(10)


def main():
    parser = argparse.ArgumentParser(description="streamlit replicas behind nginx")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--port", type=int, default=8500)
    args = parser.parse_args()
    with replica_cluster(args.processes, args.port) as (url, _):
        print(f"serving {args.processes} replicas at {url} (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
