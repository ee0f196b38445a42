"""Counts the words of each file of a mini-batch: one row per file."""
import argparse
import os

from azureml_user.parallel_run import EntryScript

args = None
stop_words = set()


def init():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("--min_length", type=int, default=1)
    parser.add_argument("--stop_words")
    args, _ = parser.parse_known_args()
    if args.stop_words:
        with open(args.stop_words) as f:
            stop_words.update(f.read().split())
    EntryScript().logger.info("init: min_length=%d, %d stop words", args.min_length, len(stop_words))


def run(mini_batch):
    rows = []
    for path in mini_batch:
        with open(path) as f:
            words = [w for w in f.read().split() if len(w) >= args.min_length and w not in stop_words]
        rows.append("%s %d" % (os.path.basename(path), len(words)))
    return rows
