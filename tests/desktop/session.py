"""A real desktop for tests: Xvfb, a private D-Bus session bus, dunst and the trayer tray.

Every process is started by this module and stopped by its process id when the session
closes. The programs come from Debian packages (TEST_DEBIAN_PACKAGES in packaging/dev.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# Program -> the Debian package that provides it.
PROGRAMS = {
    "Xvfb": "xvfb",
    "xwininfo": "x11-utils",
    "dbus-daemon": "dbus-x11",
    "dbus-send": "dbus-x11",
    "dunst": "dunst",
    "dunstctl": "dunst",
    "trayer": "trayer",
}
TRAYER_COMMAND = [
    *("trayer", "--edge", "top", "--align", "right", "--widthtype", "request"),
    *("--height", "24", "--SetDockType", "true"),
]
# Generous: these are waits for programs to become ready, not measurements.
READY_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0


def require_programs() -> None:
    """Fail (on CI) or skip (elsewhere) when a program the desktop tests need is missing."""
    missing = sorted({pkg for prog, pkg in PROGRAMS.items() if shutil.which(prog) is None})
    if not missing:
        return
    message = (
        "The desktop tests need these Debian packages: "
        f"{' '.join(missing)} (sudo apt-get install {' '.join(missing)}; "
        "python3 packaging/dev.py test installs them when run as root)."
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def wait_until(
    condition: Callable[[], Any],
    what: str,
    *,
    timeout: float = READY_TIMEOUT_S,
    explain: Callable[[], str] | None = None,
) -> Any:
    """Poll ``condition`` until it returns something truthy; fail saying ``what`` never happened
    (followed by ``explain()``, such as a log, when given)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            details = f"\n{explain()}" if explain else ""
            pytest.fail(f"Timed out waiting for {what}.{details}", pytrace=False)
        time.sleep(0.1)


@dataclass
class DesktopSession:
    """The running desktop; ``env`` is the environment for programs that should use it."""

    workdir: Path
    env: dict[str, str] = field(default_factory=dict)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self) -> None:
        """Start the X server, the session bus, the notification daemon and the tray."""
        self.env = {**os.environ, "NO_AT_BRIDGE": "1"}
        self.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        self._start_x_server()
        self._start_session_bus()
        # dunst folds identical notifications into one by default, which would hide a
        # duplicate the app sent; the test must see every notification.
        config = self.workdir / "dunstrc"
        config.write_text("[global]\n    stack_duplicates = false\n    notification_limit = 0\n")
        self._spawn("dunst", ["dunst", "-config", str(config)])
        wait_until(lambda: self._dunstctl("count").returncode == 0, "dunst on the session bus")
        self._spawn("trayer", TRAYER_COMMAND)
        wait_until(lambda: self.tray_panel_id(), "the trayer panel window")

    def _spawn(self, name: str, argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        with (self.workdir / f"{name}.log").open("wb") as log:
            process = subprocess.Popen(
                argv, env=self.env, stdout=kwargs.pop("stdout", log), stderr=log, **kwargs
            )
        self.processes.append(process)
        return process

    def _start_x_server(self) -> None:
        # -displayfd makes Xvfb pick a free display and write its number to the pipe.
        read_end, write_end = os.pipe()
        self._spawn(
            "xvfb",
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_end,),
        )
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            display = pipe.readline().strip()
        if not display.isdigit():
            pytest.fail("Xvfb did not start (see xvfb.log).", pytrace=False)
        self.env["DISPLAY"] = f":{display}"

    def _start_session_bus(self) -> None:
        # A private bus owned by this test (dbus-launch would fork it away from us).
        bus = self._spawn(
            "dbus",
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdout=subprocess.PIPE,
        )
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        if not address:
            pytest.fail("dbus-daemon did not start (see dbus.log).", pytrace=False)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address

    def _dunstctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["dunstctl", *args], env=self.env, capture_output=True, text=True, check=False
        )

    def notification_count(self) -> int:
        """Notifications dunst is showing or holding back right now."""
        counts = self._dunstctl("count").stdout
        numbers = dict(re.findall(r"(\w[\w ]*?):\s*(\d+)", counts))
        return int(numbers.get("Waiting", 0)) + int(numbers.get("Currently displayed", 0))

    def click_first_notification(self) -> None:
        """Click the notification on top, as a user pressing its default (Open) action."""
        self._dunstctl("action", "0")

    def received_notifications(self) -> list[dict[str, str]]:
        """Every notification dunst received, as {field: text} (closes those on screen)."""
        self._dunstctl("close-all")
        wait_until(lambda: self.notification_count() == 0, "dunst to close its notifications")
        history = json.loads(self._dunstctl("history").stdout)
        return [
            {key: str(value.get("data", "")) for key, value in item.items()}
            for group in history["data"]
            for item in group
        ]

    def window_tree(self) -> str:
        """``xwininfo -root -tree`` of the whole screen (empty if a window vanished mid-walk,
        which xwininfo reports as an error; callers poll again)."""
        result = subprocess.run(
            ["xwininfo", "-root", "-tree"], env=self.env, capture_output=True, text=True
        )
        return result.stdout if result.returncode == 0 else ""

    def tray_panel_id(self) -> str | None:
        """The id of trayer's panel window, once it exists."""
        match = re.search(
            r"^\s*(0x[0-9a-f]+) \"panel\": \(\"panel\" \"trayer\"\)", self.window_tree(), re.M
        )
        return match.group(1) if match else None

    def tray_icons(self) -> list[str]:
        """The xwininfo lines of the windows embedded in the tray panel."""
        panel = self.tray_panel_id()
        if panel is None:
            return []
        tree = subprocess.run(
            ["xwininfo", "-id", panel, "-tree"], env=self.env, capture_output=True, text=True
        ).stdout
        return [line.strip() for line in tree.splitlines() if re.match(r"\s+0x[0-9a-f]+ \"", line)]

    def is_viewable(self, window_id: str) -> bool:
        """Whether an X window is mapped and all its ancestors too."""
        info = subprocess.run(
            ["xwininfo", "-id", window_id], env=self.env, capture_output=True, text=True
        ).stdout
        return "Map State: IsViewable" in info

    def stop(self) -> None:
        """Stop every process this session started, newest first."""
        for process in reversed(self.processes):
            stop_process(process)
        self.processes.clear()


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Terminate ``process`` (by its id), killing it if it does not exit in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)
