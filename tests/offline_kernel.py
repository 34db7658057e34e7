"""Start an IPython kernel that cannot reach the network, and says when something tries.

Used as the kernel launcher for the "offline" runs: an audit hook refuses
every connection, name lookup, datagram and child process that would leave
the machine, and writes one line per attempt to ``$EXPLAINER_NET_LOG``. Local
connections (loopback, Unix sockets) are allowed: the kernel talks to its
client through them. Usage: ``python offline_kernel.py -f CONNECTION_FILE``.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys

LOG = os.environ.get("EXPLAINER_NET_LOG")
LOCAL_NAMES = {None, "", "localhost", "localhost.localdomain", "ip6-localhost"}


def _is_local(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what: str) -> None:
    if LOG:
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(what + "\n")
    raise OSError(101, f"network access is blocked in this kernel ({what})")


def _hook(event: str, args) -> None:
    if event == "socket.connect" or event == "socket.sendto":
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            _refuse(f"{event} {address!r}")
    elif event == "socket.getaddrinfo":
        if not _is_local(args[0]):
            _refuse(f"{event} {args[0]!r}")
    elif event == "urllib.Request":
        url = str(args[0])
        if not url.startswith("file:"):
            _refuse(f"{event} {url}")
    elif event == "subprocess.Popen":
        exe = os.path.basename(str(args[0]))
        if exe in {"curl", "wget", "git", "pip", "pip3", "ssh", "nc"}:
            _refuse(f"{event} {args[1]!r}")


sys.addaudithook(_hook)

if __name__ == "__main__":
    if sys.path and sys.path[0] == os.path.dirname(os.path.abspath(__file__)):
        sys.path.pop(0)  # as ipykernel_launcher would see it
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
