"""Rank a sitegraph export with Spark GraphFrames and compare the order with sitegraph's own.

    sitegraph export crawl.jsonl.gz -f graphframes -o spark/
    spark-submit --packages <the graphframes package for your Spark version> \
        examples/scale/graphframes_pagerank.py spark/

vertices.csv holds `id` and sitegraph's metrics (`url`, `pagerank`, ...); edges.csv holds `src`,
`dst` and whether the link is followable. Only followable links carry PageRank in sitegraph,
so only those are ranked here. GraphX's PageRank does not hand the rank of pages without
outlinks back to every page as sitegraph (and networkx) do, and its ranks add up to the number
of pages, not to 1: compare the top pages and the correlation of the two, not the values. Documented, not run in CI:
it needs Spark and GraphFrames, which this project does not install (docs/scale.md).
"""
import sys

from graphframes import GraphFrame
from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(directory):
    spark = SparkSession.builder.appName("sitegraph-pagerank").getOrCreate()
    vertices = spark.read.csv(f"{directory}/vertices.csv", header=True, inferSchema=True)
    edges = (spark.read.csv(f"{directory}/edges.csv", header=True, inferSchema=True)
             .where(F.col("followable") == True))  # noqa: E712 (a Spark column, not a bool)
    graph = GraphFrame(vertices.select("id", "url", F.col("pagerank").alias("sitegraph_pagerank")), edges)
    ranked = graph.pageRank(resetProbability=0.15, maxIter=50).vertices
    top = ranked.orderBy(F.desc("pagerank")).select("url", "pagerank", "sitegraph_pagerank").limit(20)
    top.show(truncate=False)
    both = ranked.where(F.col("sitegraph_pagerank").isNotNull())
    print("Pearson correlation of the two ranks:", both.stat.corr("pagerank", "sitegraph_pagerank"))
    ranked.select("id", "url", "pagerank").write.mode("overwrite").csv(f"{directory}/spark_pagerank", header=True)
    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: graphframes_pagerank.py DIR  (a 'sitegraph export -f graphframes -o DIR' directory)")
    main(sys.argv[1])
