"""Tests for app.traffic.recorder: exact raw recordings, record format, threads, write errors."""

from __future__ import annotations

import hashlib
import os
import pathlib
import random
import threading

import pytest

from app.traffic.chunk import Chunk, Direction, wall_time
from app.traffic.recorder import MAGIC, Recorder, read_records

DEV_FULL = pathlib.Path("/dev/full")


def random_chunks(seed: int, count: int, max_size: int = 4096) -> list[bytes]:
    rng = random.Random(seed)
    return [rng.randbytes(rng.randint(1, max_size)) for _ in range(count)]


def test_rx_only_file_equals_received_bytes_across_threads(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "rx.bin"
    recorder = Recorder(path, flush_interval=0.0)
    recorder.open()
    received = random_chunks(1, 400)
    sent = random_chunks(2, 400)

    def rx_worker() -> None:
        for i, data in enumerate(received):
            recorder.write(Chunk(1, Direction.RX, data, float(i)))

    def tx_worker() -> None:
        # Another thread writing at the same time: its sent bytes must not enter the file.
        for i, data in enumerate(sent):
            recorder.write(Chunk(1, Direction.TX, data, float(i)))

    threads = [threading.Thread(target=rx_worker), threading.Thread(target=tx_worker)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive()
    recorder.close()

    expected = b"".join(received)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == hashlib.sha256(expected).hexdigest()
    assert recorder.bytes_written == len(expected)
    assert recorder.error is None
    assert not recorder.is_active


def test_rx_only_large_chunks_are_exact(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "big.bin"
    recorder = Recorder(path)
    recorder.open()
    blob = os.urandom(3 * 1024 * 1024 + 17)
    for offset in range(0, len(blob), 1_000_000):
        recorder.write(Chunk(3, Direction.RX, blob[offset : offset + 1_000_000], 0.0))
    recorder.close()
    assert path.read_bytes() == blob


def test_both_directions_round_trip(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "both.ssrec"
    recorder = Recorder(path, both_directions=True)
    recorder.open()
    chunks = [
        Chunk(1, Direction.RX, b"hello", 100.25),
        Chunk(2, Direction.TX, b"\x00\x01\x02", 100.5),
        Chunk(70000, Direction.RX, os.urandom(100_000), 101.0),
        Chunk(1, Direction.RX, b"", 102.0),  # empty reads carry nothing and are skipped
    ]
    for chunk in chunks:
        recorder.write(chunk)
    recorder.close()

    assert path.read_bytes().startswith(MAGIC)
    records = list(read_records(path))
    assert [(d, c, p) for d, c, _t, p in records] == [
        (Direction.RX, 1, b"hello"),
        (Direction.TX, 2, b"\x00\x01\x02"),
        (Direction.RX, 70000, chunks[2].data),
    ]
    for (_d, _c, micros, _p), chunk in zip(records, chunks, strict=False):
        assert micros == round(wall_time(chunk.t) * 1_000_000)
    assert records[0][0] == "rx"  # Direction is a str
    assert recorder.bytes_written == 5 + 3 + 100_000


def test_both_directions_two_threads_keep_records_whole(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "threads.ssrec"
    recorder = Recorder(path, both_directions=True, flush_interval=0.0)
    recorder.open()
    streams = {conn: random_chunks(conn, 300, 2000) for conn in (1, 2)}

    def worker(conn: int) -> None:
        for i, data in enumerate(streams[conn]):
            direction = Direction.RX if i % 2 else Direction.TX
            recorder.write(Chunk(conn, direction, data, float(i)))

    threads = [threading.Thread(target=worker, args=(conn,)) for conn in streams]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    recorder.close()

    by_conn: dict[int, list[bytes]] = {1: [], 2: []}
    for _direction, conn, _micros, payload in read_records(path):
        by_conn[conn].append(payload)
    assert by_conn == streams


def test_read_records_rejects_bad_files(tmp_path: pathlib.Path) -> None:
    good = tmp_path / "good.ssrec"
    recorder = Recorder(good, both_directions=True)
    recorder.open()
    recorder.write(Chunk(1, Direction.RX, b"payload", 1.0))
    recorder.close()
    data = good.read_bytes()

    cases = {
        "not-a-recording": b"hello world",
        "truncated-header": data[:-10],
        "truncated-payload": data[:-1],
        "bad-direction": MAGIC + b"X" + data[len(MAGIC) + 1 :],
    }
    for name, content in cases.items():
        bad = tmp_path / name
        bad.write_bytes(content)
        with pytest.raises(ValueError) as info:
            list(read_records(bad))
        assert str(info.value)

    empty = tmp_path / "empty.ssrec"
    empty.write_bytes(MAGIC)
    assert list(read_records(empty)) == []


def test_writes_are_buffered_until_the_flush_interval(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "buffered.bin"
    recorder = Recorder(path, flush_interval=3600.0)
    recorder.open()
    recorder.write(Chunk(1, Direction.RX, b"abc", 0.0))
    assert path.read_bytes() == b""  # no flush per record
    recorder.close()
    assert path.read_bytes() == b"abc"

    eager = Recorder(tmp_path / "eager.bin", flush_interval=0.0)
    eager.open()
    eager.write(Chunk(1, Direction.RX, b"xyz", 0.0))
    assert (tmp_path / "eager.bin").read_bytes() == b"xyz"
    eager.close()


def test_inactive_recorder_ignores_writes_and_close_is_idempotent(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "idle.bin"
    recorder = Recorder(path)
    recorder.write(Chunk(1, Direction.RX, b"before open", 0.0))
    assert not path.exists()
    recorder.open()
    assert recorder.is_active
    with pytest.raises(RuntimeError):
        recorder.open()
    recorder.close()
    recorder.close()
    recorder.write(Chunk(1, Direction.RX, b"after close", 0.0))
    assert path.read_bytes() == b""
    assert recorder.bytes_written == 0


def test_open_reports_os_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        Recorder(tmp_path / "missing-dir" / "x.bin").open()
    with pytest.raises(IsADirectoryError):
        Recorder(tmp_path).open()


needs_dev_full = pytest.mark.skipif(not DEV_FULL.exists(), reason="/dev/full is Linux-only")


@needs_dev_full
def test_disk_full_while_writing_stops_recording_once() -> None:
    messages: list[str] = []
    recorder = Recorder(DEV_FULL, on_error=messages.append, flush_interval=0.0)
    recorder.open()
    recorder.write(Chunk(1, Direction.RX, b"x" * 100, 0.0))
    assert not recorder.is_active
    assert recorder.error is not None
    assert "/dev/full" in recorder.error
    assert messages == [recorder.error]
    # Further writes and closes are ignored: no exception, no second report.
    recorder.write(Chunk(1, Direction.RX, b"y" * 100, 0.0))
    recorder.close()
    recorder.close()
    assert len(messages) == 1


@needs_dev_full
def test_disk_full_found_at_close_is_reported() -> None:
    messages: list[str] = []
    recorder = Recorder(DEV_FULL, on_error=messages.append, flush_interval=3600.0)
    recorder.open()
    recorder.write(Chunk(1, Direction.RX, b"x" * 100, 0.0))  # still in the buffer
    assert recorder.error is None
    recorder.close()
    assert recorder.error is not None
    assert messages == [recorder.error]
    assert not recorder.is_active


@needs_dev_full
def test_broken_error_callback_does_not_escape_into_the_worker() -> None:
    def explode(_message: str) -> None:
        raise RuntimeError("bug in callback")

    recorder = Recorder(DEV_FULL, on_error=explode, flush_interval=0.0)
    recorder.open()
    recorder.write(Chunk(1, Direction.RX, b"x", 0.0))  # must not raise
    assert recorder.error is not None
