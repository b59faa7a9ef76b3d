"""`python -m bot cluster` (several Rasa and action servers behind nginx on one host) and
`python -m bot nginx-config` (the load balancer's configuration for servers on other hosts)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import get_settings


def _cluster(args: argparse.Namespace) -> int:
    from bot.runtime.build import prepare
    from bot.runtime.cluster import cluster_processes, default_layout, write_nginx_config
    from bot.runtime.processes import prepare_data
    from bot.runtime.restarts import STATUS_FILE
    from bot.runtime.supervisor import Supervisor
    from bot.runtime.training import train

    settings = get_settings()
    prepare(settings)
    train(settings)
    prepare_data(settings)
    layout = default_layout(settings, args.rasa, args.actions, args.web)
    prefix = None if args.no_nginx else settings.data_dir / "nginx"
    if prefix is not None:
        write_nginx_config(settings, layout, prefix)
    specs = cluster_processes(settings, layout, prefix, with_worker=not args.no_worker)
    supervisor = Supervisor(settings, specs, status_path=settings.data_dir / STATUS_FILE)
    supervisor.start()
    print(
        f"\nCATR-PAT assistant: Rasa servers on {list(layout.rasa_ports)}, action servers on "
        f"{list(layout.action_ports)}, web apps on {list(layout.web_ports)}."
    )
    if prefix is not None:
        listens = (
            f"site on {layout.web_listen}, Rasa on {layout.rasa_listen}, actions on {layout.actions_listen}"
        )
        print(f"nginx: {listens}.")
    print("Press Ctrl-C to stop everything.\n", flush=True)
    return supervisor.wait()


def _nginx_config(args: argparse.Namespace) -> int:
    from bot.runtime.cluster import DEPLOY_DIR, NGINX_TEMPLATE, render_nginx_config

    template = get_settings().repo_root / DEPLOY_DIR / NGINX_TEMPLATE
    listens = (args.listen_rasa, args.listen_actions, args.listen_web)
    sys.stdout.write(render_nginx_config(template, args.prefix, args.rasa, args.actions, args.web, listens))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    cluster = subparsers.add_parser(
        "cluster", help="several Rasa and action servers behind nginx on this host (docs/deploy.md)"
    )
    cluster.add_argument("--rasa", type=int, default=2, help="Rasa servers (ports RASA_PORT+1 ...)")
    cluster.add_argument("--actions", type=int, default=2, help="action servers (ports ACTION_PORT+1 ...)")
    cluster.add_argument("--web", type=int, default=1, help="web apps (ports WEB_PORT+1 ...)")
    cluster.add_argument("--no-nginx", action="store_true", help="another host runs the load balancer")
    cluster.add_argument("--no-worker", action="store_true", help="another host runs the (single) worker")
    cluster.set_defaults(func=_cluster)

    nginx = subparsers.add_parser(
        "nginx-config", help="print the load balancer's nginx.conf for these servers"
    )
    nginx.add_argument("--rasa", action="append", required=True, metavar="HOST:PORT", help="a Rasa server")
    nginx.add_argument(
        "--actions", action="append", required=True, metavar="HOST:PORT", help="an action server"
    )
    nginx.add_argument("--web", action="append", required=True, metavar="HOST:PORT", help="a web app")
    nginx.add_argument("--listen-rasa", default="10.0.0.1:5005", help="nginx's address for Rasa (private)")
    nginx.add_argument(
        "--listen-actions", default="10.0.0.1:5055", help="nginx's address for actions (private)"
    )
    nginx.add_argument("--listen-web", default="0.0.0.0:8000", help="nginx's address for the public site")
    nginx.add_argument("--prefix", type=Path, default=Path("/var/lib/catr-nginx"), help="nginx's -p folder")
    nginx.set_defaults(func=_nginx_config)
