"""azml run's Python side (shipped inside the azml binary).

`driver.py zygote`: a fork server. On each request from azml (on its
stdin/stdout) it forks a worker and answers with its pid; it reaps its
children and reports how each ended. It never imports the entry script.

A worker imports the entry script, calls init(), then run() for each
mini-batch azml sends, then shutdown(). It talks to azml over two FIFOs
(frames: 4-byte little-endian length, JSON; a reply carrying rows is
followed by that many bytes); the script's own stdout and stderr go to the
worker's log files. azml owns scheduling, timeouts, retries and output: this
side only runs the script and reports.

`driver.py probe`: answers one JSON question on stdin about tabular data
(pandas and pyarrow present, parquet row groups, partition key values).
"""
import sys

if sys.version_info < (3, 8):
    sys.stderr.write("azml run needs Python 3.8 or newer; this is %s\n" % sys.version.split()[0])
    sys.exit(3)

import importlib
import inspect
import io
import json
import logging
import os
import select
import signal
import struct
import time
import traceback
import types


# ---------------------------------------------------------------- frames

def read_exact(stream, n):
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def receive(stream):
    (size,) = struct.unpack("<I", read_exact(stream, 4))
    return json.loads(read_exact(stream, size))


def send(stream, message, rows=None):
    if rows is not None:
        message["rows"] = len(rows)
    data = json.dumps(message).encode("utf-8")
    stream.write(struct.pack("<I", len(data)) + data)
    if rows:
        stream.write(rows)
    stream.flush()


# ---------------------------------------------------------------- tables

def read_table(table, path, header_end=0, start=None, end=None):
    """A DataFrame of a whole file, or of a byte range of a delimited file."""
    import pandas as pd

    if table["format"] == "parquet":
        return pd.read_parquet(path)
    if start is None:
        with open(path, "rb") as f:
            data = f.read()
    else:
        with open(path, "rb") as f:
            head = f.read(header_end) if header_end else b""
            f.seek(start)
            data = head + f.read(end - start)
    return pd.read_csv(
        io.BytesIO(data),
        sep=table["delimiter"],
        header=0 if table["header"] else None,
        encoding=table["encoding"],
    )


def plain(value):
    """A key value as JSON can carry it (numpy scalars, NaN, timestamps)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def groups(frame, keys):
    """(key values as JSON values, rows) for each distinct combination, in order of appearance."""
    for combo, rows in frame.groupby(keys, dropna=False, sort=False):
        if not isinstance(combo, tuple):
            combo = (combo,)
        yield [plain(v) for v in combo], rows


def load_batch(batch, table):
    kind = batch["kind"]
    if kind == "files":
        return batch["files"], {}
    if kind == "csv":
        return read_table(table, batch["file"], batch["header_end"], batch["start"], batch["end"]), {}
    if kind == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(batch["file"]).read_row_groups(batch["row_groups"]).to_pandas(), {}
    import pandas as pd

    keys = list(batch["key_values"])
    wanted = [batch["key_values"][k] for k in keys]
    parts = []
    for path in batch["files"]:
        for values, rows in groups(read_table(table, path), keys):
            if values == wanted:
                parts.append(rows)
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return frame, dict(zip(keys, wanted))


# ---------------------------------------------------------------- the script's environment

class MiniBatchContext:
    """The second argument of run(mini_batch, context)."""

    def __init__(self, partition_key_value, dataset, minibatch_index):
        self.partition_key_value = partition_key_value
        self.dataset = dataset
        self.minibatch_index = minibatch_index


def install_entry_script_module(config, logger):
    """A stand-in for azureml_user.parallel_run.EntryScript, which is on no public package."""

    class EntryScript:
        _instance = None

        def __new__(cls, *args, **kwargs):
            if cls._instance is None:
                cls._instance = super().__new__(cls)
            return cls._instance

        @property
        def logger(self):
            return logger

        @property
        def log_dir(self):
            return config["log_dir"]

        @property
        def output_dir(self):
            return config["output_dir"]

        @property
        def working_dir(self):
            return config["working_dir"]

        @property
        def agent_name(self):
            return config["agent"]

    package = types.ModuleType("azureml_user")
    package.__path__ = []
    module = types.ModuleType("azureml_user.parallel_run")
    module.EntryScript = EntryScript
    package.parallel_run = module
    sys.modules["azureml_user"] = package
    sys.modules["azureml_user.parallel_run"] = module


def make_logger(config):
    os.makedirs(config["log_dir"], exist_ok=True)
    logger = logging.getLogger("azureml_user.entry_script." + config["agent"])
    logger.setLevel(getattr(logging, config["logging_level"], logging.INFO))
    handler = logging.FileHandler(os.path.join(config["log_dir"], config["agent"] + ".log.txt"))
    handler.setFormatter(logging.Formatter("%(asctime)s|%(levelname)s|%(process)d|%(message)s"))
    logger.addHandler(handler)
    logger.propagate = False
    return logger


def die_with_parent():
    """Linux: the worker gets SIGKILL when azml dies, however it dies."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def error_text(exc):
    return "%s: %s" % (type(exc).__name__, exc)


def rows_of(result):
    """(count, rows text) of run()'s result, or raise when it has the wrong type."""
    if isinstance(result, (list, tuple)):
        return len(result), "".join(str(item) + "\n" for item in result)
    if type(result).__module__.split(".")[0] == "pandas" and hasattr(result, "to_csv"):
        return len(result), result.to_csv(sep=" ", header=False, index=False)
    raise TypeError(
        "EntryScriptRunReturnWrongType: run() returned %s; it must return a list, a tuple or a pandas DataFrame"
        % type(result).__name__
    )


# ---------------------------------------------------------------- worker

def worker(proto_in, proto_out):
    send(proto_out, {"ev": "hello", "python": list(sys.version_info[:3])})
    config = receive(proto_in)

    log = os.open(config["stdout"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.close(log)
    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)

    table = config.get("table")
    append = config["append"]
    try:
        os.makedirs(config["working_dir"], exist_ok=True)
        os.chdir(config["working_dir"])
        logger = make_logger(config)
        install_entry_script_module(config, logger)
        sys.argv = [config["entry_path"]] + config["args"]
        sys.path.insert(0, config["code_dir"])
        module = importlib.import_module(config["module"])
        run = getattr(module, "run", None)
        if not callable(run):
            raise AttributeError("the entry script %s has no run() function" % config["entry_path"])
        try:
            takes_context = len(inspect.signature(run).parameters) >= 2
        except (TypeError, ValueError):
            takes_context = False
        init = getattr(module, "init", None)
        if callable(init):
            init()
    except BaseException as exc:
        send(proto_out, {"ev": "init_failed", "error": error_text(exc), "detail": traceback.format_exc()})
        return
    send(proto_out, {"ev": "ready"})

    while True:
        try:
            message = receive(proto_in)
        except EOFError:
            return
        if message["op"] == "stop":
            shutdown = getattr(module, "shutdown", None)
            reply = {"ev": "bye"}
            if callable(shutdown):
                try:
                    shutdown()
                except BaseException as exc:
                    reply = {"ev": "bye", "error": error_text(exc), "detail": traceback.format_exc()}
            send(proto_out, reply)
            return
        batch_id = message["id"]
        started = time.perf_counter()
        cpu = time.process_time()
        items = None
        try:
            data, keys = load_batch(message["batch"], table)
            items = len(data)
            if items == 0:
                count, rows = 0, ""
            elif takes_context:
                context = MiniBatchContext(keys, config["dataset"], batch_id)
                count, rows = rows_of(run(data, context))
            else:
                count, rows = rows_of(run(data))
        except BaseException as exc:
            send(proto_out, {
                "ev": "failed",
                "id": batch_id,
                "items": items,
                "error": error_text(exc),
                "detail": traceback.format_exc(),
                "run_seconds": time.perf_counter() - started,
                "cpu_seconds": time.process_time() - cpu,
            })
            continue
        if count > items:
            logger.warning("run() returned %d results for %d inputs (mini-batch %d)", count, items, batch_id)
        payload = rows.encode("utf-8", "backslashreplace") if append else None
        send(proto_out, {
            "ev": "done",
            "id": batch_id,
            "items": items,
            "count": count,
            "run_seconds": time.perf_counter() - started,
            "cpu_seconds": time.process_time() - cpu,
        }, payload)


# ---------------------------------------------------------------- zygote

def ending(status):
    if os.WIFSIGNALED(status):
        return "signal %d" % os.WTERMSIG(status)
    return "exit code %d" % os.WEXITSTATUS(status)


def forked(request, zygote_streams):
    """The child of a fork: becomes a worker, never returns."""
    code = 0
    try:
        os.setpgid(0, 0)
        die_with_parent()
        for stream in zygote_streams:
            stream.close()
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(err, 2)
        os.close(err)
        proto_in = open(request["in"], "rb", buffering=0)
        proto_out = open(request["out"], "wb")
        worker(proto_in, proto_out)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def zygote():
    proto_in = os.fdopen(os.dup(0), "rb", buffering=0)
    proto_out = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    send(proto_out, {"ev": "hello", "python": list(sys.version_info[:3])})
    outs = {}
    while True:
        ready, _, _ = select.select([proto_in], [], [], 0.02)
        while outs:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            send(proto_out, {"ev": "exit", "pid": pid, "how": ending(status), "out": outs.pop(pid, None)})
        if not ready:
            continue
        try:
            request = receive(proto_in)
        except EOFError:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            forked(request, (proto_in, proto_out))
        outs[pid] = request["out"]
        send(proto_out, {"ev": "forked", "pid": pid})


# ---------------------------------------------------------------- probe

def probe(request):
    op = request["op"]
    table = request.get("table") or {}
    needed = ["pandas"] + (["pyarrow"] if table.get("format") == "parquet" else [])
    for name in needed:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            return {"error": "%s is needed for tabular (mltable) inputs and cannot be imported by %s: %s"
                    % (name, sys.executable, exc)}
    if op == "check":
        return {}
    if op == "row_groups":
        import pyarrow.parquet as pq

        out = []
        for path in request["files"]:
            meta = pq.ParquetFile(path).metadata
            out.append([[meta.row_group(i).num_rows, meta.row_group(i).total_byte_size]
                        for i in range(meta.num_row_groups)])
        return {"files": out}
    if op == "partitions":
        keys = request["keys"]
        found = {}
        for index, path in enumerate(request["files"]):
            frame = read_table(table, path)
            missing = [k for k in keys if k not in frame.columns]
            if missing:
                return {"error": "%s has no column %s (partition_keys: %s)" % (path, ", ".join(missing), keys)}
            for values, rows in groups(frame, keys):
                entry = found.setdefault(json.dumps(values), {"values": values, "files": [], "rows": 0})
                entry["files"].append(index)
                entry["rows"] += len(rows)
        return {"partitions": list(found.values())}
    return {"error": "unknown probe " + op}


def main():
    if sys.argv[1:] == ["zygote"]:
        zygote()
    elif sys.argv[1:] == ["probe"]:
        try:
            answer = probe(json.load(sys.stdin))
        except Exception as exc:
            answer = {"error": error_text(exc)}
        json.dump(answer, sys.stdout)
    else:
        sys.stderr.write("usage: driver.py zygote|probe\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
