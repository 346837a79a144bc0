"""What the routes share: the workspace reader, the add-job runner and the upload limit."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from rashomon.web.jobs import JobRunner
from rashomon.web.reader import Reader


@dataclass(frozen=True, slots=True)
class Services:
    reader: Reader
    jobs: JobRunner
    max_upload_bytes: int


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found
