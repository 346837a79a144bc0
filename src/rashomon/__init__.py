"""rashomon: what many news articles about the same events actually establish, with the evidence.

>>> import rashomon
>>> analysis = rashomon.analyze(["examples/soleimani-2020"])   # doctest: +SKIP
>>> rashomon.write_reports(analysis, Path("out"))              # doctest: +SKIP
"""

from rashomon.api import Analysis, analyze, build_pipeline, default_stages, write_reports
from rashomon.config import Config, Limits

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Config",
    "Limits",
    "__version__",
    "analyze",
    "build_pipeline",
    "default_stages",
    "write_reports",
]
