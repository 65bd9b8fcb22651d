"""Tests for app.traffic.recorder: exact raw recordings, record format, threads, write errors."""

from __future__ import annotations

import errno
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


# -- what reached the file, and errors at the last flush --------------------------------------
class FakeFile:
    """An unbuffered file that takes ``capacity`` bytes, then fails as a full disk does.

    ``fail_close`` makes close() fail too (as NFS may report a write error only there).
    """

    def __init__(self, capacity: int, fail_close: bool = False) -> None:
        self.capacity = capacity
        self.fail_close = fail_close
        self.data = bytearray()
        self.closed = False

    def write(self, data: memoryview) -> int:
        room = self.capacity - len(self.data)
        if room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        taken = bytes(data[:room])
        self.data += taken
        return len(taken)

    def close(self) -> None:
        self.closed = True
        if self.fail_close:
            raise OSError(errno.EIO, os.strerror(errno.EIO))


def _recorder_on(fake: FakeFile, messages: list[str], **kwargs) -> Recorder:
    recorder = Recorder(pathlib.Path("fake.bin"), on_error=messages.append,
                        opener=lambda _path: fake, **kwargs)
    recorder.open()
    return recorder


def test_disk_full_at_the_final_flush_counts_what_reached_the_file() -> None:
    # The case from the report: 293 KB buffered, the disk takes 65,536 bytes at close.
    fake = FakeFile(capacity=65_536)
    messages: list[str] = []
    recorder = _recorder_on(fake, messages, flush_interval=3600.0)
    for _ in range(300):
        recorder.write(Chunk(1, Direction.RX, b"z" * 1000, 0.0))
    assert recorder.bytes_written == 0  # all still in the buffer: nothing is on disk yet
    recorder.close()
    assert len(fake.data) == 65_536
    assert recorder.bytes_written == 65_536
    assert recorder.error is not None
    assert "65,536 bytes" in recorder.error
    assert messages == [recorder.error]
    assert fake.closed and not recorder.is_active


def test_bytes_written_follows_the_file_not_the_buffer() -> None:
    fake = FakeFile(capacity=10**9)
    recorder = _recorder_on(fake, [], flush_interval=0.0)
    recorder.write(Chunk(1, Direction.RX, b"abc", 0.0))
    assert recorder.bytes_written == len(fake.data) == 3
    recorder.write(Chunk(1, Direction.RX, b"x" * 3_000_000, 0.0))  # past the buffer
    assert recorder.bytes_written == len(fake.data) == 3_000_003
    recorder.close()
    assert recorder.error is None


def test_partial_writes_are_retried_until_all_is_taken() -> None:
    class Trickle(FakeFile):
        def write(self, data: memoryview) -> int:
            return super().write(data[:7])  # the OS may take less than offered

    fake = Trickle(capacity=10**9)
    recorder = _recorder_on(fake, [], flush_interval=3600.0)
    blob = os.urandom(100_000)
    recorder.write(Chunk(1, Direction.RX, blob, 0.0))
    recorder.close()
    assert bytes(fake.data) == blob
    assert recorder.bytes_written == len(blob)


def test_a_write_that_takes_nothing_ends_as_an_error_not_a_hang() -> None:
    class Stuck(FakeFile):
        def write(self, data: memoryview) -> int:
            return 0

    messages: list[str] = []
    recorder = _recorder_on(Stuck(capacity=0), messages, flush_interval=0.0)
    recorder.write(Chunk(1, Direction.RX, b"abc", 0.0))
    assert recorder.error is not None and messages == [recorder.error]
    assert recorder.bytes_written == 0


def test_an_error_at_close_is_reported() -> None:
    fake = FakeFile(capacity=10**9, fail_close=True)
    messages: list[str] = []
    recorder = _recorder_on(fake, messages, flush_interval=3600.0)
    recorder.write(Chunk(1, Direction.RX, b"abc", 0.0))
    recorder.close()
    assert fake.data == b"abc"
    assert recorder.bytes_written == 3
    assert recorder.error is not None and messages == [recorder.error]


def test_both_directions_counts_only_whole_records_on_disk() -> None:
    header = 17  # direction, conn id, time, length
    # Room for the magic, one whole 100-byte record and part of the next.
    fake = FakeFile(capacity=len(MAGIC) + header + 100 + header + 50)
    messages: list[str] = []
    recorder = _recorder_on(fake, messages, both_directions=True, flush_interval=3600.0)
    recorder.write(Chunk(1, Direction.RX, b"a" * 100, 0.0))
    recorder.write(Chunk(1, Direction.TX, b"b" * 100, 0.0))
    recorder.close()
    assert recorder.bytes_written == 100
    assert "100 bytes" in (recorder.error or "")


@needs_dev_full
def test_dev_full_counts_nothing_written() -> None:
    messages: list[str] = []
    recorder = Recorder(DEV_FULL, on_error=messages.append, flush_interval=3600.0)
    recorder.open()
    recorder.write(Chunk(1, Direction.RX, b"x" * 300_000, 0.0))
    recorder.close()
    assert recorder.bytes_written == 0
    assert recorder.error is not None and " 0 bytes" in recorder.error
