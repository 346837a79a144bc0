"""Adding articles in the background: one worker thread runs ``Workspace.add`` while pages poll its progress.

Analysis is CPU-bound and the pipeline holds its models once, so jobs run one at a time in submission order;
a short queue keeps a flood of uploads from piling up unbounded work. Job records live in memory only: they
describe a request in flight, the store holds the results.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from rashomon.errors import NotFound, RashomonError, UsageError
from rashomon.model import Source
from rashomon.store.protocol import AddResult, Workspace

log = logging.getLogger("rashomon.web")

Status = Literal["queued", "running", "done", "failed"]
MAX_QUEUED = 8  # uploads waiting behind the running one; more are refused with a clear message
MAX_KEPT = 200  # finished job records kept for their status pages, oldest forgotten first


@dataclass
class StageTime:
    name: str
    seconds: float


@dataclass
class Job:
    """One add request: what was sent, where it is, and what came of it. Mutated only under the lock."""

    id: str
    story_id: str | None
    inputs: list[str]
    status: Status = "queued"
    stage: str | None = None
    stage_done: int = 0
    stage_total: int = 0
    stages: list[StageTime] = field(default_factory=list)
    created: float = field(default_factory=time.time)
    finished: float | None = None
    result: AddResult | None = None
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["result"] = asdict(self.result) if self.result else None
        return data


class JobProgress:
    """The pipeline's ``Progress``, written into a job record that status pages read."""

    def __init__(self, job: Job, lock: threading.Lock) -> None:
        self.job, self.lock = job, lock

    def stage_started(self, name: str, total: int) -> None:
        with self.lock:
            self.job.stage, self.job.stage_done, self.job.stage_total = name, 0, max(0, total)

    def advance(self, n: int) -> None:
        with self.lock:
            self.job.stage_done = min(self.job.stage_total, self.job.stage_done + n)

    def stage_finished(self, name: str, seconds: float) -> None:
        with self.lock:
            self.job.stages.append(StageTime(name, round(seconds, 3)))
            self.job.stage_done = self.job.stage_total


class JobRunner:
    """Runs add jobs on one worker thread; ``on_done`` lets the app drop cached pages of the story."""

    def __init__(self, workspace: Workspace, on_done: Callable[[AddResult], None] = lambda r: None) -> None:
        self.workspace = workspace
        self.on_done = on_done
        self.lock = threading.Lock()
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rashomon-add")

    def submit(self, sources: Sequence[Source], story_id: str | None) -> Job:
        with self.lock:
            waiting = sum(1 for job in self.jobs.values() if job.status == "queued")
            if waiting >= MAX_QUEUED:
                raise UsageError(
                    f"{waiting} uploads are already waiting to be analysed",
                    hint="wait for them to finish (see their progress pages), then add more",
                )
            job = Job(secrets.token_hex(8), story_id, [source.name for source in sources])
            self.jobs[job.id] = job
            self._forget_old()
        self.executor.submit(self._run, job, list(sources))
        return job

    def get(self, job_id: str) -> Job:
        with self.lock:
            job = self.jobs.get(job_id)
            if job is None:
                raise NotFound(
                    f"no job {job_id!r}", hint="job records are kept in memory until the server stops"
                )
            return Job(**{**job.__dict__, "stages": list(job.stages), "inputs": list(job.inputs)})

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job, sources: list[Source]) -> None:
        with self.lock:
            job.status = "running"
        try:
            result = self.workspace.add(sources, job.story_id, progress=JobProgress(job, self.lock))
        except RashomonError as error:
            self._finish(job, None, error.one_line())
        except Exception:  # a bug must fail this job visibly, not kill the worker thread
            log.exception("adding articles failed (job %s)", job.id)
            self._finish(job, None, "internal error while analysing; the server log has the details")
        else:
            self._finish(job, result, None)
            self.on_done(result)

    def _finish(self, job: Job, result: AddResult | None, error: str | None) -> None:
        with self.lock:
            job.status = "failed" if error else "done"
            job.result, job.error, job.finished = result, error, time.time()
            if result is not None:
                job.story_id = result.story_id

    def _forget_old(self) -> None:
        finished = [key for key, job in self.jobs.items() if job.status in ("done", "failed")]
        for key in finished[: max(0, len(self.jobs) - MAX_KEPT)]:
            del self.jobs[key]
