"""The Spark engine: cnprivacy's scan and de-identification on Apache Spark.

An adapter: executors run the discovery and de-identification core unchanged over Arrow
batches (``mapInArrow``); the cluster only reduces what they return (counts, masked examples,
keyed hashes), so raw personal information never leaves the executors. PySpark comes with the
``spark`` extra and loads only inside these modules.
"""

__all__: list[str] = []  # the API is in the modules: session, sources, scan, deid, tags
