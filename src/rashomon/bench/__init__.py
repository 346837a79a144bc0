"""`rashomon bench`: throughput, memory and the pipeline-to-model-inference ratio, measured in one run."""
