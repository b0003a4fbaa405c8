"""A real Dask cluster for batch tests: a scheduler and two workers, separate processes."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client

DASK = Path(sys.executable).parent / "dask"


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in reversed(processes):
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_scheduler(scheduler_file: Path, deadline: float) -> str:
    while time.monotonic() < deadline:
        if scheduler_file.exists():
            try:
                info = json.loads(scheduler_file.read_text())
            except json.JSONDecodeError:
                info = {}
            if "address" in info:
                return str(info["address"])
        time.sleep(0.2)
    raise TimeoutError("the Dask scheduler did not start")


@pytest.fixture(scope="module")
def dask_scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Address of a scheduler with two single-threaded workers, all on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    loopback = ["--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0"]
    logs = (folder / "cluster.log").open("wb")
    processes = [
        subprocess.Popen(
            [
                str(DASK),
                "scheduler",
                *loopback,
                "--port",
                "0",
                "--scheduler-file",
                str(scheduler_file),
            ],
            stdout=logs,
            stderr=logs,
        )
    ]
    try:
        address = _wait_for_scheduler(scheduler_file, time.monotonic() + 60)
        for _ in range(2):
            processes.append(
                subprocess.Popen(
                    [
                        str(DASK),
                        "worker",
                        address,
                        *loopback,
                        "--nthreads",
                        "1",
                        "--no-nanny",
                        "--local-directory",
                        str(folder),
                    ],
                    stdout=logs,
                    stderr=logs,
                )
            )
        _wait_for_n_workers(address, 2)
        yield address
    finally:
        _stop(processes)
        logs.close()


def _wait_for_n_workers(address: str, n: int) -> None:
    with Client(address, timeout="30s") as client:
        client.wait_for_workers(n, timeout=60)
