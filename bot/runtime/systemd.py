"""systemd unit files for a foundation that runs the assistant on one server: the same processes
as `make run` (bot/runtime/processes.py), each restarted by systemd on failure, as a dedicated
user with resource limits and a private data folder (0700). Secrets stay in an environment file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.runtime.processes import ProcessSpec, all_processes, child_env
from bot.settings import Settings

TARGET = "catr-pat.target"
DATA_DIR = Path("/var/lib/catr-pat")  # systemd's StateDirectory=catr-pat
ENV_FILE = Path("/etc/catr-pat/catr-pat.env")
# Resident memory measured here (docs/benchmarks.md: about 1.2 GiB per Rasa server), with headroom.
LIMITS = {
    "rasa": ("2G", "200%"),
    "actions": ("768M", "100%"),
    "web": ("512M", "100%"),
    "worker": ("512M", "50%"),
}
# Variables that must reach the processes; secrets (keys, tokens, passwords) go in ENV_FILE only.
PASSED_ON = (
    "PYTHONPATH",
    "HOME",
    "CATR_DATA_DIR",
    "SQLALCHEMY_SILENCE_UBER_WARNING",
    "TF_CPP_MIN_LOG_LEVEL",
    "MALLOC_ARENA_MAX",
    "RASA_TELEMETRY_ENABLED",
    "SANIC_HOST",
    "ACTION_SERVER_URL",
    "NLG_SERVER_URL",
    "TRACKER_DB",
    "RASA_PORT",
    "ACTION_PORT",
    "WEB_PORT",
    "PUBLIC_BASE_URL",
)


def _quote(word: str) -> str:
    return f'"{word}"' if any(c in word for c in ' "\\') else word


def _service(settings: Settings, spec: ProcessSpec, python: Path, user: str, after: list[str]) -> str:
    env = {**child_env(settings), "CATR_DATA_DIR": str(DATA_DIR), **(spec.env or {})}
    env["PYTHONPATH"], env["HOME"] = str(settings.repo_root), str(DATA_DIR)  # caches: not the read-only tree
    env.update(RASA_PORT=str(settings.rasa_port), ACTION_PORT=str(settings.action_port))
    env.setdefault("WEB_PORT", str(settings.web_port))
    env.setdefault("PUBLIC_BASE_URL", settings.public_base_url)
    environment = "\n".join(f"Environment={_quote(f'{key}={env[key]}')}" for key in PASSED_ON if key in env)
    command = " ".join(_quote(word) for word in [str(python), *spec.command[1:]])
    memory, cpu = LIMITS.get(spec.name, ("512M", "100%"))
    return f"""[Unit]
Description=CATR-PAT assistant: {spec.name}
PartOf={TARGET}
After={" ".join(["network-online.target", *after])}
Wants=network-online.target
# A crash loop stops here: 5 failed starts within 5 minutes leave it failed (systemctl status).
StartLimitIntervalSec=300
StartLimitBurst=5

[Service]
Type=simple
User={user}
Group={user}
WorkingDirectory={settings.repo_root}
{environment}
EnvironmentFile={ENV_FILE}
ExecStart={command}
Restart=on-failure
RestartSec=2
TimeoutStopSec=20
KillMode=control-group
StateDirectory={DATA_DIR.name}
StateDirectoryMode=0700
UMask=0077
MemoryMax={memory}
CPUQuota={cpu}
TasksMax=512
LimitNOFILE=8192
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
ReadWritePaths={DATA_DIR}

[Install]
WantedBy={TARGET}
"""


def systemd_units(settings: Settings, python: Path, user: str = "catr") -> dict[str, str]:
    """File name -> text: one service per process and a target that starts them all."""
    # Rasa's API token comes from the environment file at start, never written into a unit.
    tracker = DATA_DIR / "tracker.db"
    settings = dataclasses.replace(
        settings,
        data_dir=DATA_DIR,
        tracker_db_path=tracker,
        tracker_database_url=f"sqlite:///{tracker}",
        rasa_auth_token="${RASA_AUTH_TOKEN}",
    )
    specs = all_processes(settings)
    helpers = [f"catr-pat-{spec.name}.service" for spec in specs if spec.name != "rasa"]
    units = {
        f"catr-pat-{spec.name}.service": _service(
            settings, spec, python, user, helpers if spec.name == "rasa" else []
        )
        for spec in specs
    }
    wants = " ".join(units)
    units[TARGET] = f"""[Unit]
Description=CATR-PAT trial assistant (every process)
Wants={wants}

[Install]
WantedBy=multi-user.target
"""
    return units
